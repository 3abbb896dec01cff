"""A complete, lossless record of a TargetTable, and reading it back.

`TargetTable.to_json()` is the public contract and leaves out what only the review needs
(provenance, the lines of funds, expenditures and tasks, every category with its count, how a
split target was written, the scores outside a self-evaluation). A stored table must be
reviewed, edited and exported again, so its record holds everything:

    record = to_record(table)       # plain JSON data: str, int, bool, None, list, dict
    table = from_record(record)     # the same table, attribute for attribute

Maps whose order matters (texts, fields, an indicator's optional columns, provenance, a target's
cells) are written as lists of [key, value] pairs: a database's JSON type (PostgreSQL's jsonb)
keeps list order but sorts an object's keys. Decimals are strings, never floats.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import contains, itemgetter
from typing import Any, Callable, NamedTuple, TypeVar

from jixiao.model import (
    BudgetExecution, Category, Expenditure, FundingSource, Indicator, Note, Repair, Target, TargetTable, Task,
)

VERSION = 1
T = TypeVar("T")


# Writing ------------------------------------------------------------------------------------


def _decimal(value: Decimal | None) -> str | None:
    """model.decimal_text's text, except for a positive exponent: what normalize() makes of
    100000 元 is 1E+1 万元, and "10" would read back as another Decimal (str() gives 10, not
    1E+1, in a review message). "1E+1" reads back as itself."""
    if value is None:
        return None
    text = str(value)
    return text if "E" not in text or "E+" in text else format(value, "f")


def _target(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    cells = target.cells
    return {
        "raw": target.raw, "kind": target.kind, "comparator": target.comparator, "value": _decimal(target.value),
        "unit": target.unit, "token": target.token, "note": target.note,
        "cells": None if cells is None else [[key, value] for key, value in cells.items()],
    }


def _extra(key: str, value: Any) -> Any:
    """An optional column's value: text and None as they are; a Decimal or a Target tagged, so
    that a number written as text stays text."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, Decimal):
        return {"decimal": _decimal(value)}
    if isinstance(value, Target):
        return {"target": _target(value)}
    raise TypeError(f"Indicator.extra[{key!r}] 为 {value!r}，无法记录：只能是文本、None、Decimal 或 Target")


def _note(note: Note) -> dict[str, Any]:
    return {"line": note.line, "text": note.text, "reason": note.reason}


def to_record(table: TargetTable) -> dict[str, Any]:
    """Everything the table holds, as plain JSON data with a version key ("record")."""
    budget = table.budget_execution
    return {
        "record": VERSION,
        "source": table.source, "kind": table.kind, "stage": table.stage, "title": table.title,
        "year": table.year, "unit": table.unit, "authority": table.authority, "project": table.project,
        "project_type": table.project_type, "project_level": table.project_level,
        "start": table.start, "end": table.end, "contact": table.contact,
        "fields": [[key, value] for key, value in table.fields.items()],
        "total_amount_wan": _decimal(table.total_amount_wan),
        "current_year_amount_wan": _decimal(table.current_year_amount_wan),
        "funding": [{
            "name": f.name, "amount_wan": _decimal(f.amount_wan), "parent": f.parent,
            "execution": None if f.execution is None else [[k, _decimal(v)] for k, v in f.execution.items()],
            "line": f.line,
        } for f in table.funding],
        "expenditures": [{
            "name": e.name, "half_year_wan": _decimal(e.half_year_wan), "annual_wan": _decimal(e.annual_wan),
            "line": e.line,
        } for e in table.expenditures],
        "tasks": [{
            "name": t.name, "content": t.content, "duty": t.duty, "project": t.project,
            "amount_wan": _decimal(t.amount_wan), "appropriation_wan": _decimal(t.appropriation_wan),
            "other_wan": _decimal(t.other_wan), "line": t.line,
        } for t in table.tasks],
        "texts": [[key, value] for key, value in table.texts.items()],
        "indicators": [{
            "level1": i.level1, "level2": i.level2, "name": i.name,
            "half_year": _target(i.half_year), "full_year": _target(i.full_year), "line": i.line,
            "extra": [[key, _extra(key, value)] for key, value in i.extra.items()],
        } for i in table.indicators],
        "categories": [{
            "level1": c.level1, "level2": c.level2, "line": c.line, "count": c.count,
            "not_applicable": c.not_applicable,
        } for c in table.categories],
        "repairs": [{
            "line": r.line, "field": r.field, "raw": r.raw, "value": r.value, "reason": r.reason,
        } for r in table.repairs],
        "warnings": [_note(n) for n in table.warnings],
        "report": [_note(n) for n in table.report],
        "outside": [_note(n) for n in table.outside],
        "total_score": _decimal(table.total_score),
        "grade": table.grade,
        "budget_execution": None if budget is None else {
            "initial_wan": _decimal(budget.initial_wan), "adjusted_wan": _decimal(budget.adjusted_wan),
            "executed_wan": _decimal(budget.executed_wan), "weight": _decimal(budget.weight),
            "rate": _decimal(budget.rate), "score": _decimal(budget.score),
        },
        "provenance": [[key, [[line, raw] for line, raw in sources]] for key, sources in table.provenance.items()],
    }


# Reading ------------------------------------------------------------------------------------
# Each object of a record has a shape: its keys, in the model's field order, and the JSON types
# each may hold. A good object is checked at C speed (one lookup of all keys, one pass over the
# types); only a bad one is looked at key by key, to name what is wrong. Numbers, maps and
# nested objects are then read by the object's reader.


class _Bad(Exception):
    """A malformed value. Its path is completed on the way out (innermost key first), so that
    reading a good record builds no path at all."""

    def __init__(self, key: str | int, problem: str) -> None:
        super().__init__(problem)
        self.path: list[str | int] = [key]
        self.problem = problem

    def within(self, key: str | int) -> _Bad:
        self.path.append(key)
        return self

    def where(self) -> str:
        text = ""
        for part in reversed(self.path):
            text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
        return text


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


class _Kind(NamedTuple):
    types: frozenset[type]
    said: str


_NONE = type(None)
_TEXT = _Kind(frozenset({str}), "文本")
_OPT_TEXT = _Kind(frozenset({str, _NONE}), "文本或 null")
_INT = _Kind(frozenset({int}), "整数")  # not bool: type(True) is bool
_OPT_INT = _Kind(frozenset({int, _NONE}), "整数或 null")
_BOOL = _Kind(frozenset({bool}), "布尔值（true 或 false）")
_NUMBER = _Kind(frozenset({str, _NONE}), "数字文本或 null")
_LIST = _Kind(frozenset({list}), "列表")
_OPT_LIST = _Kind(frozenset({list, _NONE}), "列表或 null")
_OPT_OBJECT = _Kind(frozenset({dict, _NONE}), "对象或 null")


class _Shape:
    """The keys of one kind of object and what each holds."""

    def __init__(self, **kinds: _Kind) -> None:
        self.keys = tuple(kinds)
        self.kinds = tuple(kinds.values())
        self._types = tuple(kind.types for kind in self.kinds)
        self._get = itemgetter(*self.keys)
        self._size = len(self.keys)

    def values(self, data: Any) -> tuple[Any, ...]:
        """The object's values in key order, once each is of its type and no key is unknown."""
        if type(data) is dict and len(data) == self._size:
            try:
                values = self._get(data)
            except KeyError:
                pass
            else:
                if all(map(contains, self._types, map(type, values))):
                    return values
        raise self._fault(data)

    def _fault(self, data: Any) -> _Bad:
        if type(data) is not dict:
            return _Bad("", f"应为对象，而不是 {_shown(data)}")
        for key, kind in zip(self.keys, self.kinds):
            if key not in data:
                return _Bad(key, "缺失")
            if type(data[key]) not in kind.types:
                return _Bad(key, f"应为{kind.said}，而不是 {_shown(data[key])}")
        unknown = next(key for key in data if key not in self.keys)
        return _Bad(unknown, "是未知的键（会丢失）")


def _number(value: str | None, key: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise _Bad(key, f"应为数字文本或 null，而不是 {_shown(value)}") from None


def _map(pairs: list[Any], key: str, kind: _Kind) -> dict[str, Any]:
    """A map written as [key, value] pairs: text keys, each once, values of one kind."""
    for index, pair in enumerate(pairs):
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
            raise _Bad(index, f"应为 [文本键, 值]，而不是 {_shown(pair)}").within(key)
        if type(pair[1]) not in kind.types:
            raise _Bad(pair[0], f"应为{kind.said}，而不是 {_shown(pair[1])}").within(key)
    result = dict(pairs)
    if len(result) != len(pairs):
        names = [name for name, _ in pairs]
        twice = next(name for index, name in enumerate(names) if name in names[:index])
        raise _Bad(twice, "重复出现").within(key)
    return result


def _list(items: list[Any], key: str, read: Callable[[Any], T]) -> list[T]:
    try:
        return [read(item) for item in items]
    except _Bad as bad:  # which item: read them again, one by one (only a bad record pays)
        for index, item in enumerate(items):
            try:
                read(item)
            except _Bad:
                break
        if bad.path == [""]:
            bad.path = []
        raise bad.within(index).within(key) from None


def _in(bad: _Bad, key: str) -> _Bad:
    """The error of a nested object, placed under its key."""
    if bad.path == [""]:
        bad.path = []
    return bad.within(key)


_TARGET = _Shape(raw=_TEXT, kind=_TEXT, comparator=_OPT_TEXT, value=_NUMBER, unit=_OPT_TEXT,
                 token=_OPT_TEXT, note=_OPT_TEXT, cells=_OPT_LIST)


def _read_target(data: dict[str, Any] | None, key: str) -> Target | None:
    if data is None:
        return None
    try:
        values = _TARGET.values(data)
        if values[7] is None:  # hashable: shared, as the parser shares its targets
            return _shared_target(values)
        raw, kind, comparator, value, unit, token, note, cells = values
        return Target(raw, kind, comparator, _number(value, "value"), unit, token, note, _map(cells, "cells", _TEXT))
    except _Bad as bad:
        raise _in(bad, key) from None


@lru_cache(maxsize=4096)
def _shared_target(values: tuple[Any, ...]) -> Target:
    """A target without cells, made once for all the records that hold it (Target is immutable)."""
    raw, kind, comparator, value, unit, token, note, _ = values
    return Target(raw, kind, comparator, _number(value, "value"), unit, token, note)


_EXTRA = _Kind(frozenset({str, _NONE, dict}), "文本、null、{\"decimal\": …} 或 {\"target\": …}")


def _read_extra(pairs: list[Any]) -> dict[str, Any]:
    """An indicator's optional columns: text and null as they are, numbers and targets tagged."""
    extra = _map(pairs, "extra", _EXTRA)
    for name, value in extra.items():
        if type(value) is not dict:
            continue
        if len(value) != 1 or not (type(value.get("decimal")) is str or type(value.get("target")) is dict):
            raise _Bad(name, f"应为{_EXTRA.said}，而不是 {_shown(value)}").within("extra")
        try:
            extra[name] = _number(value["decimal"], "decimal") if "decimal" in value \
                else _read_target(value["target"], "target")
        except _Bad as bad:
            raise bad.within(name).within("extra") from None
    return extra


_INDICATOR = _Shape(level1=_OPT_TEXT, level2=_OPT_TEXT, name=_TEXT, half_year=_OPT_OBJECT,
                    full_year=_OPT_OBJECT, line=_INT, extra=_LIST)


def _read_indicator(data: dict[str, Any]) -> Indicator:
    level1, level2, name, half_year, full_year, line, extra = _INDICATOR.values(data)
    return Indicator(level1, level2, name, _read_target(half_year, "half_year"), _read_target(full_year, "full_year"),
                     line, _read_extra(extra) if extra else {})


_FUNDING = _Shape(name=_TEXT, amount_wan=_NUMBER, parent=_OPT_TEXT, execution=_OPT_LIST, line=_OPT_INT)


def _read_funding(data: dict[str, Any]) -> FundingSource:
    name, amount, parent, execution, line = _FUNDING.values(data)
    if execution is not None:
        pairs = _map(execution, "execution", _NUMBER)
        try:
            execution = {key: _number(value, key) for key, value in pairs.items()}
        except _Bad as bad:
            raise bad.within("execution") from None
    return FundingSource(name, _number(amount, "amount_wan"), parent, execution, line)


_EXPENDITURE = _Shape(name=_TEXT, half_year_wan=_NUMBER, annual_wan=_NUMBER, line=_OPT_INT)


def _read_expenditure(data: dict[str, Any]) -> Expenditure:
    name, half_year, annual, line = _EXPENDITURE.values(data)
    return Expenditure(name, _number(half_year, "half_year_wan"), _number(annual, "annual_wan"), line)


_TASK = _Shape(name=_TEXT, content=_OPT_TEXT, duty=_OPT_TEXT, project=_OPT_TEXT, amount_wan=_NUMBER,
               appropriation_wan=_NUMBER, other_wan=_NUMBER, line=_OPT_INT)


def _read_task(data: dict[str, Any]) -> Task:
    name, content, duty, project, amount, appropriation, other, line = _TASK.values(data)
    return Task(name, content, duty, project, _number(amount, "amount_wan"),
                _number(appropriation, "appropriation_wan"), _number(other, "other_wan"), line)


_CATEGORY = _Shape(level1=_OPT_TEXT, level2=_OPT_TEXT, line=_INT, count=_INT, not_applicable=_BOOL)
_REPAIR = _Shape(line=_INT, field=_TEXT, raw=_TEXT, value=_TEXT, reason=_TEXT)
_NOTE = _Shape(line=_OPT_INT, text=_TEXT, reason=_TEXT)
_BUDGET = _Shape(initial_wan=_NUMBER, adjusted_wan=_NUMBER, executed_wan=_NUMBER, weight=_NUMBER, rate=_NUMBER,
                 score=_NUMBER)


def _read_category(data: dict[str, Any]) -> Category:
    return Category(*_CATEGORY.values(data))


def _read_repair(data: dict[str, Any]) -> Repair:
    return Repair(*_REPAIR.values(data))


def _read_note(data: dict[str, Any]) -> Note:
    return Note(*_NOTE.values(data))


def _read_budget(data: dict[str, Any] | None) -> BudgetExecution | None:
    if data is None:
        return None
    try:
        return BudgetExecution(*(_number(value, key) for key, value in zip(_BUDGET.keys, _BUDGET.values(data))))
    except _Bad as bad:
        raise _in(bad, "budget_execution") from None


_SOURCE = _Kind(frozenset({list}), "列表 [[行号, 原文], …]")


def _read_provenance(pairs: list[Any]) -> dict[str, list[tuple[int, str]]]:
    provenance = _map(pairs, "provenance", _SOURCE)
    for key, sources in provenance.items():
        if not all(type(s) is list and len(s) == 2 and type(s[0]) is int and type(s[1]) is str for s in sources):
            raise _Bad(key, f"应为{_SOURCE.said}，而不是 {_shown(sources)}").within("provenance")
        provenance[key] = [(line, raw) for line, raw in sources]
    return provenance


_TABLE = _Shape(
    record=_INT, source=_TEXT, kind=_TEXT, stage=_TEXT, title=_OPT_TEXT, year=_OPT_INT, unit=_OPT_TEXT,
    authority=_OPT_TEXT, project=_OPT_TEXT, project_type=_OPT_TEXT, project_level=_OPT_TEXT, start=_OPT_TEXT,
    end=_OPT_TEXT, contact=_OPT_TEXT, fields=_LIST, total_amount_wan=_NUMBER, current_year_amount_wan=_NUMBER,
    funding=_LIST, expenditures=_LIST, tasks=_LIST, texts=_LIST, indicators=_LIST, categories=_LIST,
    repairs=_LIST, warnings=_LIST, report=_LIST, outside=_LIST, total_score=_NUMBER, grade=_OPT_TEXT,
    budget_execution=_OPT_OBJECT, provenance=_LIST,
)
# The shape of each class of the model. The readers build objects from a shape's values in
# order, so its keys must be the class's fields in order: tests/test_record.py checks that, and
# so that no field added to the model is left out.
SHAPES = {
    TargetTable: _TABLE, Target: _TARGET, Indicator: _INDICATOR, FundingSource: _FUNDING,
    Expenditure: _EXPENDITURE, Task: _TASK, Category: _CATEGORY, Repair: _REPAIR, Note: _NOTE,
    BudgetExecution: _BUDGET,
}


def from_record(data: dict[str, Any]) -> TargetTable:
    """The table a record was written from. Raises ValueError, naming the key, for a record
    that is malformed or of another version."""
    if type(data) is not dict:
        raise ValueError(f"记录应为对象（dict），而不是 {type(data).__name__}")
    version = data.get("record")
    if type(version) is not int or version != VERSION:
        shown = "缺失" if "record" not in data else f"为 {_shown(version)}"
        raise ValueError(f"记录版本“record”{shown}：只能读取版本 {VERSION}")
    try:
        (_, source, kind, stage, title, year, unit, authority, project, project_type, project_level, start, end,
         contact, fields, total, current, funding, expenditures, tasks, texts, indicators, categories, repairs,
         warnings, report, outside, score, grade, budget, provenance) = _TABLE.values(data)
        return TargetTable(
            source, kind, stage, title, year, unit, authority, project, project_type, project_level, start, end,
            contact, _map(fields, "fields", _TEXT), _number(total, "total_amount_wan"),
            _number(current, "current_year_amount_wan"), _list(funding, "funding", _read_funding),
            _list(expenditures, "expenditures", _read_expenditure), _list(tasks, "tasks", _read_task),
            _map(texts, "texts", _TEXT), _list(indicators, "indicators", _read_indicator),
            _list(categories, "categories", _read_category), _list(repairs, "repairs", _read_repair),
            _list(warnings, "warnings", _read_note), _list(report, "report", _read_note),
            _list(outside, "outside", _read_note), _number(score, "total_score"), grade, _read_budget(budget),
            _read_provenance(provenance),
        )
    except _Bad as bad:
        raise ValueError(f"记录有误：“{bad.where()}”{bad.problem}") from None
