"""A finance bureau's monitoring dashboard: at a month, how many approved tables of each unit are
red, yellow, green or blue, and how many have no actual values yet.

Only the tables with values (or spending) by the month are read and monitored; the others are
counted as 未填报 without opening their record. Rows are fetched for all tables at once, a few
queries whatever the number of tables."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from jixiao import monitoring
from jixiao.record import from_record
from jixiao.web.accounts.models import FinanceBureau
from jixiao.web.monitoring import store
from jixiao.web.monitoring.models import ActualValue, Budget, Spending
from jixiao.web.tables.models import ApprovedVersion, Status, Table

NONE, UNKNOWN = "none", "unknown"  # no values by the month; values but nothing to colour
BUCKETS = (monitoring.RED, monitoring.YELLOW, monitoring.GREEN, monitoring.BLUE, NONE, UNKNOWN)
LABELS = {**monitoring.COLOURS, NONE: "未填报", UNKNOWN: "无法判断"}


@dataclass
class Line:
    table: Table
    colour: str


@dataclass
class UnitRow:
    unit: str
    bureau: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    tables: list[Line] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.tables)

    def cells(self) -> list[tuple[str, str, int]]:
        return [(b, LABELS[b], self.counts[b]) for b in BUCKETS]


@dataclass
class Board:
    month: int
    units: list[UnitRow]
    totals: dict[str, int]

    @property
    def count(self) -> int:
        return sum(self.totals.values())

    def cells(self) -> list[tuple[str, str, int]]:
        return [(b, LABELS[b], self.totals[b]) for b in BUCKETS]

    @property
    def any_unknown(self) -> bool:
        return bool(self.totals[UNKNOWN])


def monitored_tables(bureau_ids: list[int], year: int | None = None) -> QuerySet[Table]:
    """The tables of these bureaus' units that have been approved at least once."""
    tables = Table.objects.filter(unit__authority__bureau_id__in=bureau_ids, approved_versions__isnull=False)
    if year is not None:
        tables = tables.filter(year=year)
    return tables.distinct()


def years(bureau_ids: list[int]) -> list[int]:
    found = monitored_tables(bureau_ids).values_list("year", flat=True)
    return sorted({y for y in found if y}, reverse=True)


def _records(tables: list[Table]) -> dict[int, dict]:
    """The approved record of each table: its own while 已批复, its latest approved version while adjusted."""
    current = [t.id for t in tables if t.status == Status.APPROVED and not t.adjusting]
    found = dict(Table.objects.filter(id__in=current).values_list("id", "record"))
    others = [t.id for t in tables if t.id not in found]
    for table_id, record in ApprovedVersion.objects.filter(table_id__in=others).order_by("table_id", "number") \
            .values_list("table_id", "record"):
        found[table_id] = record  # the last one, highest number, stays
    return found


def build(bureau_ids: list[int], year: int | None, month: int) -> Board:
    tables = list(monitored_tables(bureau_ids, year).select_related("unit__authority__bureau")
                  .only("id", "name", "status", "adjusting", "year", "unit__name", "unit__authority__bureau__name",
                        "unit__authority__bureau__monitoring_settings")
                  .order_by("unit__name", "name", "id"))
    chosen = monitored_tables(bureau_ids, year).values("id")
    rows: dict[int, dict[str, list]] = defaultdict(lambda: {"values": [], "spending": [], "budgets": [], "weights": []})
    for value in ActualValue.objects.filter(table__in=chosen, month__lte=month).order_by("table_id", "indicator", "month"):
        rows[value.table_id]["values"].append(value)
    for spent in Spending.objects.filter(table__in=chosen, month__lte=month):
        rows[spent.table_id]["spending"].append(spent)
    active = [t for t in tables if t.id in rows]
    for budget in Budget.objects.filter(table_id__in=[t.id for t in active]):
        rows[budget.table_id]["budgets"].append(budget)
    records = _records(active)
    settings: dict[int, object] = {}
    units: dict[tuple[str, str], UnitRow] = {}
    totals = dict.fromkeys(BUCKETS, 0)
    for table in tables:
        bureau: FinanceBureau = table.unit.authority.bureau
        colour = NONE
        if table.id in rows and table.id in records:
            parsed = from_record(records[table.id])
            if bureau.id not in settings:
                settings[bureau.id] = store.settings_of(bureau)[0]
            state = store.state_of(table, parsed, rows[table.id])
            result = monitoring.monitor(parsed, store.actuals_of(parsed, state), month, settings[bureau.id])
            colour = result.colour or UNKNOWN
        key = (table.unit.name, bureau.name)
        row = units.setdefault(key, UnitRow(table.unit.name, bureau.name))
        row.counts[colour] += 1
        row.tables.append(Line(table, colour))
        totals[colour] += 1
    return Board(month, list(units.values()), totals)
