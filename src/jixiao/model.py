"""The table model: what a performance target table means, independent of its file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def decimal_text(value: Decimal | None) -> str | None:
    """Decimals travel as strings, never floats, and never in exponent form. str() is the
    same text as format(value, "f") whenever it has no exponent, and twice as fast."""
    if value is None:
        return None
    text = str(value)
    return text if "E" not in text else format(value, "f")


@dataclass(slots=True, frozen=True)
class Target:
    """One target cell: the raw text and what it means. Immutable: parsed once, shared."""

    raw: str
    kind: str  # quantity | qualitative | schedule | text
    comparator: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    token: str | None = None
    note: str | None = None
    # A target split over cells (`≧` | `100` | `%`): the cells as written, comparator / value / unit.
    # How it was written, not what it means: left out of equality and hashing, so that the
    # review's caches keyed on a target work for split targets too.
    cells: dict[str, str] | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "raw": self.raw,
            "kind": self.kind,
            "comparator": self.comparator,
            "value": None if self.value is None else decimal_text(self.value),
            "unit": self.unit,
            "token": self.token,
            "note": self.note,
        }
        if self.cells is not None:
            data["cells"] = dict(self.cells)
        return data


@dataclass(slots=True)
class Indicator:
    """A level-3 indicator with its place in the framework and its targets."""

    level1: str | None
    level2: str | None
    name: str
    half_year: Target | None
    full_year: Target | None
    line: int
    # Optional columns, present only where the table has them (履职 block, self-evaluation).
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "half_year": self.half_year.to_json() if self.half_year else None,
            "full_year": self.full_year.to_json() if self.full_year else None,
            "line": self.line,
        }
        if not self.extra:
            return data  # most tables have no optional columns
        for key, value in self.extra.items():
            if isinstance(value, Decimal):
                value = decimal_text(value)
            elif isinstance(value, Target):
                value = value.to_json()
            data[key] = value
        return data


@dataclass(slots=True)
class FundingSource:
    name: str
    amount_wan: Decimal | None
    parent: str | None = None
    execution: dict[str, Decimal | None] | None = None  # self-evaluation: initial_wan, executed_wan
    line: int | None = None  # provenance, not part of the JSON contract

    def to_json(self) -> dict[str, Any]:
        data = {"name": self.name, "amount_wan": decimal_text(self.amount_wan), "parent": self.parent}
        for key, value in (self.execution or {}).items():
            data[key] = decimal_text(value)
        return data


@dataclass(slots=True)
class Expenditure:
    name: str
    half_year_wan: Decimal | None
    annual_wan: Decimal | None
    line: int | None = None  # provenance, not part of the JSON contract

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "half_year_wan": decimal_text(self.half_year_wan),
            "annual_wan": decimal_text(self.annual_wan),
        }


@dataclass(slots=True)
class Task:
    """An annual task of a department table (年度主要任务) and the money it gets."""

    name: str
    content: str | None = None
    duty: str | None = None  # the duty (部门职能) it serves, where the table says
    project: str | None = None  # the spending line (支出项目) that funds it, where the table says
    amount_wan: Decimal | None = None
    appropriation_wan: Decimal | None = None
    other_wan: Decimal | None = None
    line: int | None = None  # provenance, not part of the JSON contract

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "content": self.content, "duty": self.duty, "project": self.project,
            "amount_wan": decimal_text(self.amount_wan), "appropriation_wan": decimal_text(self.appropriation_wan),
            "other_wan": decimal_text(self.other_wan),
        }


@dataclass(slots=True)
class Category:
    """A level-2 block as it appears in the table; kept so that empty ones can be reported."""

    level1: str | None
    level2: str | None
    line: int
    count: int = 0
    not_applicable: bool = False  # declared so: its only rows say 不适用 / 无 / —

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"level1": self.level1, "level2": self.level2, "line": self.line}
        if self.not_applicable:
            data["not_applicable"] = True
        return data


@dataclass(slots=True)
class Repair:
    """A label the interpreter replaced, e.g. a garbled level-1 name."""

    line: int
    field: str
    raw: str
    value: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "raw": self.raw, "value": self.value, "reason": self.reason}


@dataclass(slots=True)
class Note:
    """A warning or a parse-report entry: a place in the file and why it is listed."""

    line: int | None
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass(slots=True)
class BudgetExecution:
    """The funds row of a self-evaluation table (年度资金总额)."""

    initial_wan: Decimal | None = None
    adjusted_wan: Decimal | None = None
    executed_wan: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "initial_wan": decimal_text(self.initial_wan),
            "adjusted_wan": decimal_text(self.adjusted_wan),
            "executed_wan": decimal_text(self.executed_wan),
            "weight": decimal_text(self.weight),
            "rate": decimal_text(self.rate),
            "score": decimal_text(self.score),
        }


@dataclass(slots=True)
class TargetTable:
    """A project table (项目支出) or a department-wide table (部门整体支出)."""

    source: str
    kind: str = "project"
    stage: str = "target"
    title: str | None = None
    year: int | None = None
    unit: str | None = None
    authority: str | None = None
    project: str | None = None
    project_type: str | None = None
    project_level: str | None = None
    start: str | None = None
    end: str | None = None
    contact: str | None = None
    # Header fields the model has no place of its own for (项目编码, 实施期限, 分配方式 …), label → value.
    fields: dict[str, str] = field(default_factory=dict)
    total_amount_wan: Decimal | None = None
    current_year_amount_wan: Decimal | None = None
    funding: list[FundingSource] = field(default_factory=list)
    expenditures: list[Expenditure] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    report: list[Note] = field(default_factory=list)
    # What lies before this table in its file (after the table before it) and is no target
    # table: a budget book's other pages, one note per page range. Not part of --strict.
    outside: list[Note] = field(default_factory=list)
    total_score: Decimal | None = None
    grade: str | None = None
    budget_execution: BudgetExecution | None = None
    # Provenance, not part of the JSON contract: for each header field (attribute name) and
    # text (text key), the (line, raw text) it was read from, so findings can point at it.
    provenance: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def line_of(self, key: str, needle: str | None = None) -> int | None:
        """The line a field or text was read from; with `needle`, the line that holds it."""
        sources = self.provenance.get(key)
        if not sources:
            return None
        if needle:
            wanted = "".join(needle.split())
            for line, raw in sources:
                if wanted in "".join(raw.split()):
                    return line
        return sources[0][0]

    @property
    def empty_categories(self) -> list[Category]:
        return [c for c in self.categories if c.count == 0]

    def filled(self) -> set[str]:
        """The JSON keys where this table holds something a new, empty one does not. The
        scores count whatever the stage, though the JSON shows them only for self-evaluations."""
        found = self.to_json()
        empty = TargetTable(source=self.source).to_json()
        keys = {key for key in found.keys() | empty.keys() if found.get(key) != empty.get(key)}
        return keys | {name for name in ("total_score", "grade", "budget_execution") if getattr(self, name) is not None}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "kind": self.kind,
            "stage": self.stage,
            "title": self.title,
            "year": self.year,
            "unit": self.unit,
            "authority": self.authority,
            "project": self.project,
            "project_type": self.project_type,
            "project_level": self.project_level,
            "start": self.start,
            "end": self.end,
            "contact": self.contact,
            "fields": dict(self.fields),
            "total_amount_wan": decimal_text(self.total_amount_wan),
            "current_year_amount_wan": decimal_text(self.current_year_amount_wan),
            "funding": [f.to_json() for f in self.funding],
            "expenditures": [e.to_json() for e in self.expenditures],
            "tasks": [t.to_json() for t in self.tasks],
            "texts": dict(self.texts),
            "indicators": [i.to_json() for i in self.indicators],
            "empty_categories": [c.to_json() for c in self.empty_categories],
            "repairs": [r.to_json() for r in sorted(self.repairs, key=lambda r: r.line)],
            "warnings": [w.to_json() for w in sorted(self.warnings, key=_line_key)],
            "report": [n.to_json() for n in sorted(self.report, key=_line_key)],
            "outside": [n.to_json() for n in self.outside],
        }
        if self.stage == "self_evaluation":
            data["total_score"] = decimal_text(self.total_score)
            data["grade"] = self.grade
            data["budget_execution"] = self.budget_execution.to_json() if self.budget_execution else None
        return data


def _line_key(note: Note) -> int:
    return note.line if note.line is not None else 0
