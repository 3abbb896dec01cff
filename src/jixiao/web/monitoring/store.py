"""Actual values stored for a table, made into the core's jixiao.actuals.Actuals, checked as the
file import checks them, and changed in one transaction with the table's history.

Three ways in (the checkpoint page, the HTTP API, a CSV or XLSX file) end in `apply`, which
writes the rows and one history entry (the tables app's Event: who, when, and each value before
and after), so that the table keeps ONE history. The monitoring and self-evaluation themselves
are jixiao.monitoring.monitor and jixiao.evaluation.evaluate, unchanged, over the approved table
and the bureau's settings."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from jixiao import actuals as core
from jixiao import attainment, evaluation, monitoring
from jixiao.actuals import CAUSES, LIKELIHOODS, target_of
from jixiao.config import DEFAULTS, ConfigError, Settings, from_mapping
from jixiao.errors import InputError
from jixiao.model import TargetTable, decimal_text
from jixiao.record import from_record
from jixiao.values import normalize, parse_decimal
from jixiao.web.accounts.models import FinanceBureau
from jixiao.web.monitoring import access
from jixiao.web.monitoring.models import TOTAL, ActualValue, Budget, Spending, Weight
from jixiao.web.tables.models import Action, Event, Status, Table
from jixiao.web.tables.store import saved_upload

MONTHS = tuple(range(1, 13))
CHECKPOINTS = (6, 12)  # offered first: mid-year monitoring and the year-end self-evaluation
TOTAL_LABEL = core.TOTAL_SOURCE  # 合计


class Refused(Exception):
    """A change the person may not make now; the message says why, in Chinese."""


class Conflict(Exception):
    """A checkpoint saved over values someone else changed since the page was opened."""


class Problems(Exception):
    """What was sent cannot be saved; nothing was. Each problem names its place."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("；".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    index: int | None = None  # the indicator it concerns, if one
    source: str | None = None  # the spending row it concerns ("" = 合计), if one


# ---- the approved table and the bureau's settings ------------------------------------------

def monitored(table: Table) -> TargetTable | None:
    """The targets that are monitored: the table as last approved (its current record while it
    is 已批复, the approved version while an adjustment is under way); None before any approval."""
    if table.status == Status.APPROVED and not table.adjusting:
        return from_record(table.record)
    version = table.approved_versions.order_by("-number").only("record").first()
    return from_record(version.record) if version is not None else None


def bureau_of(table: Table) -> FinanceBureau:
    return table.unit.authority.bureau


def settings_of(bureau: FinanceBureau) -> tuple[Settings, str | None]:
    """The bureau's settings over the defaults, and the reason if what is stored no longer reads
    (then the defaults are used, and the page says so)."""
    if not bureau.monitoring_settings:
        return DEFAULTS, None
    try:
        return from_mapping(bureau.monitoring_settings, f"{bureau.name}的设置"), None
    except ConfigError as error:
        return DEFAULTS, f"{error}（暂按默认设置计算）"


def read_settings_text(text: str) -> dict:
    """A bureau's settings written as TOML, or JSON (text starting with "{"), read and checked by
    the core (jixiao.config.from_mapping). Raises ConfigError with the Chinese message."""
    bare = text.strip()
    if not bare:
        return {}
    is_json = bare.startswith("{")
    try:
        data = json.loads(bare) if is_json else tomllib.loads(bare)
    except ValueError as error:
        kind = "JSON" if is_json else "TOML"
        hint = "；TOML 的中文键名须加英文引号，如 \"产出\" = 50" if not is_json and "key" in str(error).lower() else ""
        raise ConfigError(f"设置：不是有效的 {kind}（{error}）{hint}") from None
    if not isinstance(data, dict):
        raise ConfigError("设置：应为键值表")
    from_mapping(data, "设置")
    # What from_mapping accepted holds numbers, strings, booleans, lists and tables only.
    return json.loads(json.dumps(data, default=str))


@transaction.atomic
def save_settings(user, bureau: FinanceBureau, text: str) -> FinanceBureau:  # noqa: ANN001 (a Django user)
    if not access.bureaus(user).filter(pk=bureau.pk).exists():
        raise Refused("只有本财政部门的审核人或管理员可以修改设置")
    data = read_settings_text(text)
    bureau.monitoring_settings = data
    bureau.monitoring_settings_text = text.strip() if data else ""
    bureau.settings_changed_by = user
    bureau.settings_changed_at = timezone.now()
    bureau.save(update_fields=["monitoring_settings", "monitoring_settings_text", "settings_changed_by",
                               "settings_changed_at"])
    return bureau


# ---- what is stored ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Value:
    """One indicator's value at one month, as entered."""

    value: str
    causes: tuple[str, ...] = ()
    cause_text: str = ""
    likelihood: str = ""

    def shown(self) -> str:
        """In words, for the history."""
        parts = [self.value]
        if self.causes or self.cause_text:
            parts.append("偏差原因：" + "：".join(p for p in ("、".join(self.causes), self.cause_text) if p))
        if self.likelihood:
            parts.append(f"完成可能性：{self.likelihood}")
        return "；".join(parts)


@dataclass(slots=True)
class State:
    """A table's stored values, each indicator's placed at its index in the approved table."""

    values: dict[tuple[int, int], Value] = field(default_factory=dict)  # (index, month)
    entered: dict[tuple[int, int], tuple[str, object]] = field(default_factory=dict)  # (who, when)
    spending: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # (source, month), "" = 合计
    budgets: dict[str, Decimal] = field(default_factory=dict)
    weights: dict[int, Decimal] = field(default_factory=dict)
    # Rows that no longer match an indicator of the approved table (it was adjusted): kept, shown.
    stale: list[str] = field(default_factory=list)

    def months(self) -> list[int]:
        return sorted({m for _, m in self.values} | {m for _, m in self.spending})

    def basis(self, month: int) -> str:
        """A fingerprint of what a checkpoint page shows (the month's values and spending, the
        budgets, the points): the page sends it back, and a save over a changed one is refused."""
        shown = ([(i, v.value, v.causes, v.cause_text, v.likelihood) for (i, m), v in sorted(self.values.items()) if m == month],
                 [(source, str(v)) for (source, m), v in sorted(self.spending.items()) if m == month],
                 sorted((source, str(v)) for source, v in self.budgets.items()),
                 sorted((i, str(v)) for i, v in self.weights.items()))
        return hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()[:32]


NAME_LENGTH = 300  # of the name columns


def plain(value: Decimal) -> Decimal:
    """A stored amount without the column's trailing zeros (3052.500000 → 3052.5, 100.000000 → 100),
    as the file import would have read it."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def _place(parsed: TargetTable, index: int, name: str) -> int | None:
    """Where a stored indicator row belongs now: its index if the name still matches there, else
    the one indicator of that name; None where there is no such indicator, or more than one."""
    indicators = parsed.indicators
    if index < len(indicators) and indicators[index].name[:NAME_LENGTH] == name:
        return index
    same = [n for n, i in enumerate(indicators) if i.name[:NAME_LENGTH] == name]
    return same[0] if len(same) == 1 else None


def _who(user) -> str:  # noqa: ANN001
    return (user.get_full_name() or user.username) if user is not None else ""


def state_of(table: Table, parsed: TargetTable, rows: Mapping[str, Iterable] | None = None) -> State:
    """What is stored for `table`, placed on `parsed` (the approved table). `rows` gives the rows
    already fetched (the dashboard fetches them for many tables at once)."""
    people = rows is None  # who entered each value: shown on the checkpoint page only
    rows = rows if rows is not None else _rows(table)
    state = State()
    for row in rows["values"]:
        index = _place(parsed, row.indicator, row.name)
        if index is None or (index, row.month) in state.values:
            state.stale.append(f"“{row.name}” {row.month} 月：{row.value}")
            continue
        state.values[(index, row.month)] = Value(row.value, tuple(row.causes), row.cause_text, row.likelihood)
        if people:
            state.entered[(index, row.month)] = (_who(row.entered_by), row.entered_at)
    for row in rows["spending"]:
        state.spending[(row.source, row.month)] = plain(row.spent_wan)
    for row in rows["budgets"]:
        state.budgets[row.source] = plain(row.budget_wan)
    for row in rows["weights"]:
        index = _place(parsed, row.indicator, row.name)
        if index is not None:
            state.weights[index] = plain(row.weight)
    return state


def _rows(table: Table) -> dict[str, list]:
    return {"values": list(ActualValue.objects.filter(table=table).select_related("entered_by")),
            "spending": list(Spending.objects.filter(table=table)),
            "budgets": list(Budget.objects.filter(table=table)),
            "weights": list(Weight.objects.filter(table=table))}


def actuals_of(parsed: TargetTable, state: State, source: str = "网页填报") -> core.Actuals:
    """The core's Actuals from the stored rows: each value read against its target as the file
    import reads it (a value that no longer reads after an adjustment is left out and listed)."""
    result = core.Actuals(source=source)
    for (index, month), value in sorted(state.values.items()):
        indicator = parsed.indicators[index]
        reading = attainment.read(value.value, target_of(indicator), indicator.name)
        if reading.problem:
            state.stale.append(f"“{indicator.name}” {month} 月：{value.value}（{reading.problem}）")
            continue
        record = result.indicators.setdefault(index, core.IndicatorActuals(index))
        record.observations[month] = core.Observation(month, reading, value.causes, value.cause_text or None,
                                                      value.likelihood or None)
    for index, weight in state.weights.items():
        result.indicators.setdefault(index, core.IndicatorActuals(index)).weight = weight
    for (source, month), amount in sorted(state.spending.items()):
        result.spending.append(core.Spending(source or None, month, amount))
    for source, amount in state.budgets.items():
        if source == TOTAL:
            result.budget_wan = amount
        else:
            result.source_budgets[source] = amount
    return result


# ---- checking what a person sends ----------------------------------------------------------------

@dataclass(slots=True)
class Change:
    """What to write: a value per (index, month), None to remove; likewise spending, budgets and
    weights. Keys not named are left as they are."""

    values: dict[tuple[int, int], Value | None] = field(default_factory=dict)
    spending: dict[tuple[str, int], Decimal | None] = field(default_factory=dict)
    budgets: dict[str, Decimal | None] = field(default_factory=dict)
    weights: dict[int, Decimal | None] = field(default_factory=dict)


def check_value(parsed: TargetTable, index: int, text: str) -> attainment.Reading:
    """An actual value read against its indicator's target, as the file import reads it."""
    indicator = parsed.indicators[index]
    return attainment.read(text, target_of(indicator), indicator.name)


def amount(text: str) -> Decimal | None:
    """A sum in 万元 as a person writes it (1,234.5 or 1234.5万元); None where it is no number."""
    bare = normalize(text).replace("万元", "").replace(",", "").strip()
    return parse_decimal(bare) if bare else None


def spending_sources(parsed: TargetTable) -> list[tuple[str, Decimal | None]]:
    """The spending rows the page offers: 合计, and each funding source where the table lists more
    than one with an amount (as the file template does)."""
    rows: list[tuple[str, Decimal | None]] = [(TOTAL, core.table_budget(parsed))]
    sources = [f for f in parsed.funding if f.parent is None and f.amount_wan]
    if len(sources) > 1:
        rows += [(f.name, f.amount_wan) for f in sources]
    return rows


@dataclass(frozen=True, slots=True)
class EntryIn:
    """One indicator's row as sent by the page or the API."""

    index: int
    value: str = ""
    causes: tuple[str, ...] = ()
    cause_text: str = ""
    likelihood: str = ""
    weight: str | None = None  # None: not sent (the page sends it at year-end only)


@dataclass(frozen=True, slots=True)
class SpendingIn:
    source: str  # "" = 合计
    spent: str = ""
    budget: str | None = None  # None: not sent


def checkpoint_change(parsed: TargetTable, month: int, entries: Iterable[EntryIn],
                      spending: Iterable[SpendingIn], replace: bool = True) -> Change:
    """The change one checkpoint's form (or PUT) makes, checked as the file import checks a row;
    raises Problems, listing each, when anything is wrong. With `replace`, every indicator and
    spending row of the month not sent (or sent empty) is removed."""
    if month not in MONTHS:
        raise Problems([Problem(f"月份应为 1 到 12 之间的整数，而不是 {month}")])
    change = Change()
    problems: list[Problem] = []
    count = len(parsed.indicators)
    seen: set[int] = set()
    for entry in entries:
        if not 0 <= entry.index < count:
            problems.append(Problem(f"没有第 {entry.index} 个指标（共 {count} 个，从 0 起）"))
            continue
        if entry.index in seen:
            problems.append(Problem("同一指标填写了两次", entry.index))
            continue
        seen.add(entry.index)
        name = parsed.indicators[entry.index].name
        where = f"指标“{name}”："

        def say(text: str, index: int = entry.index, where: str = where) -> None:
            problems.append(Problem(where + text, index))

        value, text, likelihood = entry.value.strip(), entry.cause_text.strip(), entry.likelihood.strip()
        causes = tuple(dict.fromkeys(c.strip() for c in entry.causes if c.strip()))
        bad_causes = [c for c in causes if c not in CAUSES]
        if bad_causes:
            say(f"偏差原因类别应为 {'、'.join(CAUSES)}（可多选），而不是“{bad_causes[0]}”")
        if likelihood and likelihood not in LIKELIHOODS:
            say(f"完成可能性应为 {'、'.join(LIKELIHOODS)} 之一，而不是“{likelihood}”")
        if len(value) > MAX_VALUE:
            say(f"实际完成值太长（最多 {MAX_VALUE} 字）")
        elif not value:
            if causes or text or likelihood:
                say("填写了偏差原因或完成可能性，却没有实际完成值")
            change.values[(entry.index, month)] = None
        else:
            reading = check_value(parsed, entry.index, value)
            if reading.problem:
                say(f"实际完成值“{value}”：{reading.problem}")
            change.values[(entry.index, month)] = Value(value, causes, text, likelihood)
        if entry.weight is not None:
            if not entry.weight.strip():
                change.weights[entry.index] = None
            else:
                weight = amount(entry.weight)
                if weight is None or weight < 0 or weight > 100:
                    say(f"分值应为 0 到 100 之间的数字，而不是“{entry.weight.strip()}”")
                else:
                    change.weights[entry.index] = weight
    if replace:
        for index in range(count):
            change.values.setdefault((index, month), None)
    offered = {source for source, _ in spending_sources(parsed)}
    sent: set[str] = set()
    for row in spending:
        source = "" if row.source.strip() in ("", TOTAL_LABEL) else row.source.strip()
        label = source or TOTAL_LABEL
        if source in sent:
            problems.append(Problem(f"资金来源“{label}”填写了两次", source=source))
            continue
        sent.add(source)
        if source and source not in offered:
            problems.append(Problem(f"资金来源“{label}”不在表中（可填：{'、'.join(s or TOTAL_LABEL for s in offered)}）",
                                    source=source))
            continue
        spent_text = row.spent.strip()
        spent = amount(spent_text) if spent_text else None
        if spent_text and (spent is None or spent < 0):
            problems.append(Problem(f"“{label}”：累计支出应为以万元计的数字，而不是“{spent_text}”", source=source))
        change.spending[(source, month)] = spent
        if row.budget is not None:
            budget_text = row.budget.strip()
            budget = amount(budget_text) if budget_text else None
            if budget_text and (budget is None or budget < 0):
                problems.append(Problem(f"“{label}”：全年预算数应为以万元计的数字，而不是“{budget_text}”", source=source))
            change.budgets[source] = budget
    if replace:
        for source in offered:
            change.spending.setdefault((source, month), None)
    if problems:
        raise Problems(problems)
    return change


def file_change(found: core.Actuals) -> Change:
    """The change an imported file makes: what it fills in, leaving the rest as it is."""
    change = Change()
    for index, record in found.indicators.items():
        for month, o in record.observations.items():
            change.values[(index, month)] = Value(o.raw, tuple(o.causes), o.cause_text or "", o.likelihood or "")
        if record.weight is not None:
            change.weights[index] = record.weight
    for s in found.spending:
        change.spending[(s.source or TOTAL, s.month)] = s.amount_wan
    if found.budget_wan is not None:
        change.budgets[TOTAL] = found.budget_wan
    for source, budget in found.source_budgets.items():
        change.budgets[source] = budget
    return change


# ---- writing ---------------------------------------------------------------------------------------

def rehome(table: Table, parsed: TargetTable) -> None:
    """Put every row at the index its indicator has in `parsed` (a newly approved version may move,
    rename or drop indicators): a row whose indicator is found by name goes to that index; a row
    whose indicator is gone goes aside, past the last indicator, kept and listed as such. Then a
    row at an index below the number of indicators is that indicator's, which `apply` relies on.
    Rows are moved with update() in two steps (out of the way, then in place), so that a swap
    never meets the unique constraint and who entered a value, and when, stay as they were."""
    count = len(parsed.indicators)
    for model in (ActualValue, Weight):
        rows = list(model.objects.filter(table=table).order_by("id"))
        month = (lambda row: row.month) if model is ActualValue else (lambda row: 0)
        plan: dict[int, int] = {}
        taken: set[tuple[int, int]] = set()
        for row in rows:
            index = _place(parsed, row.indicator, row.name)
            if index is not None and (index, month(row)) not in taken:
                plan[row.id] = index
                taken.add((index, month(row)))
        for row in rows:
            if row.id in plan:
                continue
            index = row.indicator if row.indicator >= count else count
            while (index, month(row)) in taken:
                index += 1
            plan[row.id] = index
            taken.add((index, month(row)))
        moving = [row for row in rows if plan[row.id] != row.indicator]
        aside = max([count, *(r.indicator for r in rows), *plan.values()]) + 1
        for n, row in enumerate(moving):
            model.objects.filter(pk=row.pk).update(indicator=aside + n)
        for row in moving:
            model.objects.filter(pk=row.pk).update(indicator=plan[row.id])


MAX_WAN = Decimal(10) ** 11  # what the amount columns hold (18 digits, 6 after the point)
MAX_VALUE = 200  # characters of an actual value


def _check_sizes(change: Change, parsed: TargetTable) -> None:
    """What the columns cannot hold is refused as a problem, never cut short or a server error
    (a file may carry anything)."""
    problems = []
    for (index, month), value in change.values.items():
        if value is not None and len(value.value) > MAX_VALUE:
            problems.append(Problem(f"指标“{parsed.indicators[index].name}” {month} 月：实际完成值太长（最多 {MAX_VALUE} 字）",
                                    index))
    for (source, month), spent in change.spending.items():
        if spent is not None and spent >= MAX_WAN:
            problems.append(Problem(f"“{source or TOTAL_LABEL}” {month} 月：累计支出 {decimal_text(spent)} 万元过大", source=source))
    for source, budget in change.budgets.items():
        if budget is not None and budget >= MAX_WAN:
            problems.append(Problem(f"“{source or TOTAL_LABEL}”：全年预算数 {decimal_text(budget)} 万元过大", source=source))
    for source in {source for source, _ in change.spending} | set(change.budgets):
        if len(source) > NAME_LENGTH:
            problems.append(Problem(f"资金来源“{source[:20]}…”的名称太长（最多 {NAME_LENGTH} 字）", source=source))
    for index, weight in change.weights.items():
        if weight is not None and weight > 100:
            problems.append(Problem(f"指标“{parsed.indicators[index].name}”：分值 {decimal_text(weight)} 超过 100", index))
    if problems:
        raise Problems(problems)


def _wan(value: Decimal | None) -> str:
    return "" if value is None else f"{decimal_text(value.normalize())} 万元"


@transaction.atomic
def apply(user, table: Table, change: Change, note: str,  # noqa: ANN001, C901
          basis: tuple[int, str] | None = None) -> list[dict]:
    """Write `change` and one history entry listing each value before and after; nothing when
    nothing differs. Returns the changes recorded. `basis` (month, fingerprint) is what the
    person's page showed: if that checkpoint has changed since, Conflict and nothing written."""
    current = Table.objects.select_for_update().select_related("unit__authority").get(pk=table.pk)
    refusal = access.enter_refusal(user, current)
    if refusal:
        raise Refused(refusal)
    parsed = monitored(current)
    if parsed is None:  # approved tables always have their record; kept for safety
        raise Refused(access.NOT_APPROVED)
    rehome(current, parsed)
    state = state_of(current, parsed)
    if basis is not None and state.basis(basis[0]) != basis[1]:
        raise Conflict(f"您打开页面之后，{basis[0]} 月的实际完成值已被他人修改（见修改记录）。您的填写没有保存，也没有丢失："
                       "请核对下方内容（仍是您填写的）后再保存。")
    _check_sizes(change, parsed)
    names = [i.name[:NAME_LENGTH] for i in parsed.indicators]
    said: list[dict] = []
    for (index, month), wanted in sorted(change.values.items()):
        before = state.values.get((index, month))
        if wanted == before:
            continue
        place = f"指标“{names[index]}” {month} 月实际完成值"
        if wanted is None:
            ActualValue.objects.filter(table=current, indicator=index, month=month).delete()
        else:
            ActualValue.objects.update_or_create(
                table=current, indicator=index, month=month,
                defaults={"name": names[index], "value": wanted.value, "causes": list(wanted.causes),
                          "cause_text": wanted.cause_text, "likelihood": wanted.likelihood, "entered_by": user})
        said.append({"place": place, "before": before.shown() if before else "", "after": wanted.shown() if wanted else ""})
    for (source, month), spent in sorted(change.spending.items()):
        before = state.spending.get((source, month))
        if spent == before:
            continue
        if spent is None:
            Spending.objects.filter(table=current, source=source, month=month).delete()
        else:
            Spending.objects.update_or_create(table=current, source=source, month=month,
                                              defaults={"spent_wan": spent, "entered_by": user})
        said.append({"place": f"“{source or TOTAL_LABEL}” {month} 月累计支出", "before": _wan(before), "after": _wan(spent)})
    for source, budget in sorted(change.budgets.items()):
        before = state.budgets.get(source)
        if budget == before:
            continue
        if budget is None:
            Budget.objects.filter(table=current, source=source).delete()
        else:
            Budget.objects.update_or_create(table=current, source=source, defaults={"budget_wan": budget, "entered_by": user})
        said.append({"place": f"“{source or TOTAL_LABEL}” 全年预算数", "before": _wan(before), "after": _wan(budget)})
    for index, weight in sorted(change.weights.items()):
        before = state.weights.get(index)
        if weight == before:
            continue
        if weight is None:
            Weight.objects.filter(table=current, indicator=index).delete()
        else:
            Weight.objects.update_or_create(table=current, indicator=index,
                                            defaults={"name": names[index], "weight": weight, "entered_by": user})
        said.append({"place": f"指标“{names[index]}” 分值", "before": decimal_text(before) or "",
                     "after": decimal_text(weight) or ""})
    if said:
        Event.objects.create(table=current, user=user, action=Action.EDIT, note=note, changes=said,
                             version=current.version)
    return said


# ---- the file -------------------------------------------------------------------------------------

def read_file(parsed: TargetTable, name: str, chunks: Iterable[bytes], size: int) -> core.Actuals:
    """An uploaded CSV or XLSX of actual values, read by the command line's reader (jixiao.actuals.read)
    within the readers' size limit. Raises Problems (every problem, with its row) or InputError."""
    name = Path(name or "实际完成值").name
    with saved_upload(name, chunks, size) as path:
        try:
            return core.read(path, parsed)
        except core.ActualsError as error:
            raise Problems([Problem(p) for p in error.problems]) from None
        except InputError as error:
            raise InputError(name, error.reason) from None


# ---- results -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Monitored:
    """A table's monitoring at one month, with everything its page shows."""

    parsed: TargetTable
    state: State
    actuals: core.Actuals
    settings: Settings
    settings_problem: str | None
    result: monitoring.MonitoringResult


def monitor(table: Table, parsed: TargetTable, month: int) -> Monitored:
    settings, problem = settings_of(bureau_of(table))
    state = state_of(table, parsed)
    found = actuals_of(parsed, state)
    return Monitored(parsed, state, found, settings, problem, monitoring.monitor(parsed, found, month, settings))


@dataclass(slots=True)
class Evaluated:
    parsed: TargetTable
    state: State
    settings_problem: str | None
    result: evaluation.EvaluationResult | None
    refusal: str | None  # why the table cannot be scored with the bureau's settings


def evaluate(table: Table, parsed: TargetTable) -> Evaluated:
    settings, problem = settings_of(bureau_of(table))
    state = state_of(table, parsed)
    found = actuals_of(parsed, state)
    try:
        return Evaluated(parsed, state, problem, evaluation.evaluate(parsed, found, settings), None)
    except evaluation.EvaluationError as error:
        return Evaluated(parsed, state, problem, None, _web_words(str(error)))


def _web_words(message: str) -> str:
    """The core's refusal speaks of the command line's --config file; here the bureau sets it on
    its settings page."""
    return (message.replace("请在 --config 文件的 [evaluation.department] 中设置 level1_weights（jixiao evaluate "
                            "--example-config 给出示例）", "请财政部门审核人在本财政部门的“监控与自评设置”中设置 "
                            "[evaluation.department] 的 level1_weights")
            .replace("请在 --config 文件中", "请财政部门审核人在“监控与自评设置”中"))


def follow_approval(sender, instance, created: bool, **kwargs) -> None:  # noqa: ANN001 (a post_save receiver)
    """A table approved again after an adjustment: its actual values follow their indicators to
    where the newly approved version has them (the tables app's approval, untouched)."""
    if created and not kwargs.get("raw"):
        rehome(instance.table, from_record(instance.record))
