"""A table's record (jixiao.record) is complete and lossless: read back, it is the same table,
attribute for attribute (provenance, every category, how a split target was written, the
scores outside a self-evaluation), so it gives the same JSON and the same review. The record
is plain JSON data and survives being stored: json.dumps and json.loads, and a database that
sorts an object's keys (PostgreSQL's jsonb). A malformed record is refused, naming the key.

The corpus PDFs are read once for the session (corpus_check.tables_of, shared with
test_corpus.py); run `pytest tests/test_record.py -k "not corpus"` for the quick part alone.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SEEDS
from corpus_check import entries, tables_of
from jixiao import model
from jixiao.api import parse_file
from jixiao.errors import InputError
from jixiao.model import (
    BudgetExecution, Category, Expenditure, FundingSource, Indicator, Note, Repair, Target, TargetTable, Task,
)
from jixiao.record import SHAPES, VERSION, from_record, to_record
from jixiao.review import review, review_batch

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file())
FILES = [("seeds", path) for path in SEEDS] + [("fixtures", path) for path in FIXTURES] + \
    [("corpus", entry) for entry in entries()]


@lru_cache(maxsize=None)
def _tables(kind: str, path: Path) -> list[TargetTable]:
    return tables_of(path) if kind == "corpus" else parse_file(str(path))


def same(a: Any, b: Any, where: str = "table") -> None:
    """Equal for every attribute, those left out of == (Target.cells) too; of the same types
    (tuples stay tuples); maps in the same order; decimals with the same digits and exponent."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} ≠ {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys {list(a)} ≠ {list(b)}"
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{where}: {len(a)} items ≠ {len(b)}"
        for index, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{index}]")
    elif isinstance(a, Decimal):
        assert str(a) == str(b), f"{where}: {a!r} ≠ {b!r}"
    else:
        assert a == b, f"{where}: {a!r} ≠ {b!r}"


def plain(value: Any, where: str = "record") -> None:
    """Only what JSON holds: str, int, bool, None, list and dict with text keys; no float."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, where
            plain(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            plain(item, f"{where}[{index}]")
    else:
        assert value is None or type(value) in (str, int, bool), f"{where}: {value!r}"


def stored(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a database gives it back."""
    return json.loads(json.dumps(record, ensure_ascii=False))


def jsonb(record: dict[str, Any]) -> dict[str, Any]:
    """The record as PostgreSQL's jsonb gives it back: every object's keys sorted (shorter first)."""
    return json.loads(json.dumps(record), object_pairs_hook=lambda pairs: dict(
        sorted(pairs, key=lambda pair: (len(pair[0].encode()), pair[0].encode()))))


def full_table() -> TargetTable:
    """A table with every attribute of every class holding something other than its default."""
    split = Target("≥100%", "quantity", "≥", Decimal("100"), "%", "记号", "注", cells={"comparator": "≥", "value": "100"})
    return TargetTable(
        source="上传/表.xlsx", kind="department", stage="self_evaluation", title="标题", year=2025, unit="单位",
        authority="主管部门", project="项目", project_type="类型", project_level="级次", start="2025-01",
        end="2025-12", contact="联系人", fields={"项目编码": "A01", "实施期限": "一年"},
        total_amount_wan=Decimal("1E+1"), current_year_amount_wan=Decimal("0.0000001"),
        funding=[FundingSource("财政拨款", Decimal("10.50"), "合计",
                               {"initial_wan": Decimal("-0"), "executed_wan": None}, 7)],
        expenditures=[Expenditure("设备", Decimal("3E+1"), Decimal("60.00"), 9)],
        tasks=[Task("任务", "内容", "职能", "支出项目", Decimal("1"), Decimal("0.5"), Decimal("0.50"), 11)],
        texts={"annual_goal": "目标", "content": "内容"},
        indicators=[
            Indicator("产出", "数量指标", "人数", split, Target("", "text", cells={}), 20,
                      {"long_term": split, "weight": Decimal("10"), "direction": "正向", "actual": None}),
            Indicator(None, None, "无归属", None, None, 21),
        ],
        categories=[Category("效益", "生态效益", 22, 0, True), Category("产出", "数量指标", 19, 1, False)],
        repairs=[Repair(19, "level1", "产出指木", "产出", "错字")],
        warnings=[Note(None, "警告", "原因")], report=[Note(30, "多余", "无法归位")],
        outside=[Note(1, "第 1–3 页", "不是目标表")],
        total_score=Decimal("88.5"), grade="良",
        budget_execution=BudgetExecution(Decimal("1"), Decimal("2"), Decimal("3"), Decimal("10"), Decimal("96"),
                                         Decimal("9.6")),
        provenance={"title": [(1, "标题")], "project": [(2, "项目"), (3, "（续）")]},
    )


# Every table jixiao reads ---------------------------------------------------------------------


@pytest.mark.parametrize("kind, path", FILES, ids=[f"corpus/{path.name}" if kind == "corpus" else
                                                     path.relative_to(ROOT).as_posix() for kind, path in FILES])
def test_every_table_reads_back_the_same(kind, path):
    try:
        tables = _tables(kind, path)
    except InputError:
        pytest.skip("jixiao 读不出目标表（InputError）")
    backs = []
    for table in tables:
        record = to_record(table)
        plain(record)
        assert record["record"] == VERSION
        text = stored(record)
        assert text == record
        back = from_record(text)
        assert back == table
        same(back, table)
        assert to_record(back) == record
        assert back.to_json() == table.to_json()
        same(from_record(jsonb(record)), table, "jsonb")
        original, again = review(table), review(back)
        assert (again.score, again.grade) == (original.score, original.grade)
        assert again.to_json() == original.to_json()
        backs.append(back)
    reviews, across = review_batch(tables)
    reviews_back, across_back = review_batch(backs)
    assert [r.to_json() for r in reviews_back] == [r.to_json() for r in reviews]
    assert across_back == across
    assert [f.to_json(backs) for f in across_back] == [f.to_json(tables) for f in across]


def test_the_seeds_reviewed_together_give_the_same_cross_findings():
    tables = [t for path in SEEDS for t in _tables("seeds", path)]
    backs = [from_record(stored(to_record(t))) for t in tables]
    reviews, across = review_batch(tables)
    reviews_back, across_back = review_batch(backs)
    assert across and across_back == across
    assert [r.to_json() for r in reviews_back] == [r.to_json() for r in reviews]


# Every attribute, even where no file has it ---------------------------------------------------


@pytest.mark.parametrize("stage", ["self_evaluation", "target"])
def test_a_table_holding_everything_reads_back_the_same(stage):
    table = dataclasses.replace(full_table(), stage=stage)  # scores outside a self-evaluation too
    record = stored(to_record(table))
    same(from_record(record), table)
    same(from_record(jsonb(record)), table)
    assert from_record(record).to_json() == table.to_json()
    assert record["total_amount_wan"] == "1E+1"  # "10" would read back as another Decimal
    assert record["current_year_amount_wan"] == "0.0000001"  # never 1E-7: as model.decimal_text writes it
    assert record["indicators"][0]["extra"][1] == ["weight", {"decimal": "10"}]


def test_an_empty_table_reads_back_the_same():
    same(from_record(stored(to_record(TargetTable(source="x.txt")))), TargetTable(source="x.txt"))


def test_a_value_the_record_cannot_hold_is_refused_when_writing():
    table = TargetTable(source="x.txt", indicators=[Indicator("产出", "数量指标", "人数", None, None, 1, {"n": 1.5})])
    with pytest.raises(TypeError, match="extra"):
        to_record(table)


# No field of the model left out ---------------------------------------------------------------


def _written(record: dict[str, Any]) -> dict[type, set[str]]:
    """The keys the record writes for each class, from the record of full_table()."""
    indicator = record["indicators"][0]
    target = indicator["half_year"]
    return {
        TargetTable: set(record) - {"record"}, Indicator: set(indicator), Target: set(target),
        FundingSource: set(record["funding"][0]), Expenditure: set(record["expenditures"][0]),
        Task: set(record["tasks"][0]), Category: set(record["categories"][0]), Repair: set(record["repairs"][0]),
        Note: set(record["warnings"][0]), BudgetExecution: set(record["budget_execution"]),
    }


def _instances(value: Any) -> list[Any]:
    """Every object of the model's classes in a table, the table too."""
    if dataclasses.is_dataclass(value):
        return [value] + [o for f in dataclasses.fields(value) for o in _instances(getattr(value, f.name))]
    if isinstance(value, dict):
        return [o for item in value.values() for o in _instances(item)]
    if isinstance(value, (list, tuple)):
        return [o for item in value for o in _instances(item)]
    return []


def test_every_field_of_every_class_of_the_model_is_in_the_record():
    classes = {value for value in vars(model).values()
               if dataclasses.is_dataclass(value) and value.__module__ == model.__name__}
    written = _written(to_record(full_table()))
    assert classes == set(SHAPES) == set(written), "a class of model.py the record does not know"
    for cls in classes:
        names = tuple(f.name for f in dataclasses.fields(cls))
        keys = SHAPES[cls].keys[1:] if cls is TargetTable else SHAPES[cls].keys
        assert keys == names, f"{cls.__name__}: the record reads {keys}, the model has {names}"
        assert written[cls] == set(names), f"{cls.__name__}: the record writes {sorted(written[cls])}"


def test_the_full_table_fills_every_field():
    """So that the test above and test_a_table_holding_everything_reads_back_the_same see each
    field hold something: a field added to the model must be given a value in full_table()."""
    filled: dict[type, set[str]] = {}
    for instance in _instances(full_table()):
        for f in dataclasses.fields(instance):
            value = getattr(instance, f.name)
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if value != default or default is dataclasses.MISSING:
                filled.setdefault(type(instance), set()).add(f.name)
    for cls in SHAPES:
        assert filled.get(cls) == {f.name for f in dataclasses.fields(cls)}, cls.__name__


# Malformed records ----------------------------------------------------------------------------


def _set(path: str, value: Any):
    def change(record: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        for key in parents:
            record = record[int(key) if key.isdigit() else key]
        record[int(last) if last.isdigit() else last] = value
    return change


def _drop(path: str):
    def change(record: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        for key in parents:
            record = record[int(key) if key.isdigit() else key]
        del record[last]
    return change


MALFORMED = [
    (_set("record", 2), "“record”为 2"),
    (_set("record", True), "“record”为 True"),
    (_drop("record"), "“record”缺失"),
    (_drop("source"), "“source”缺失"),
    (_set("color", "red"), "“color”是未知的键"),
    (_set("year", "2025"), "“year”应为整数或 null"),
    (_set("total_amount_wan", 10.5), "“total_amount_wan”应为数字文本"),
    (_set("total_amount_wan", "十万"), "“total_amount_wan”应为数字文本"),
    (_set("indicators", {}), "“indicators”应为列表"),
    (_set("indicators/1", "人数"), "“indicators[1]”应为对象"),
    (_drop("indicators/0/line"), "“indicators[0].line”缺失"),
    (_set("indicators/0/line", True), "“indicators[0].line”应为整数"),
    (_set("indicators/0/half_year/value", "abc"), "“indicators[0].half_year.value”应为数字文本"),
    (_set("indicators/0/full_year", {"raw": "x", "kind": "quantity", "comparator": None, "value": "x", "unit": None,
                                     "token": None, "note": None, "cells": None}),
     "“indicators[0].full_year.value”应为数字文本"),
    (_set("indicators/0/half_year/cells/0", ["comparator"]), "“indicators[0].half_year.cells[0]”应为 [文本键, 值]"),
    (_set("indicators/0/half_year/cells/1", ["comparator", "≤"]), "“indicators[0].half_year.cells.comparator”重复出现"),
    (_set("indicators/0/extra/1", ["weight", 10]), "“indicators[0].extra.weight”应为文本、null"),
    (_set("indicators/0/extra/1", ["weight", {"decimal": "x"}]), "“indicators[0].extra.weight.decimal”应为数字文本"),
    (_set("indicators/0/extra/0", ["long_term", {"target": {"raw": 1}}]),
     "“indicators[0].extra.long_term.target.raw”应为文本"),
    (_set("funding/0/execution/0", ["initial_wan", "x"]), "“funding[0].execution.initial_wan”应为数字文本"),
    (_set("tasks/0/line", "11"), "“tasks[0].line”应为整数或 null"),
    (_set("categories/0/not_applicable", 1), "“categories[0].not_applicable”应为布尔值"),
    (_set("repairs/0/value", None), "“repairs[0].value”应为文本"),
    (_set("outside/0/extra", 1), "“outside[0].extra”是未知的键"),
    (_set("texts/0", ["annual_goal", 3]), "“texts.annual_goal”应为文本"),
    (_set("fields", {"项目编码": "A01"}), "“fields”应为列表"),
    (_set("budget_execution/rate", 96), "“budget_execution.rate”应为数字文本"),
    (_set("budget_execution", []), "“budget_execution”应为对象或 null"),
    (_set("provenance/0/1", [[1]]), "“provenance.title”应为列表 [[行号, 原文], …]"),
    (_set("provenance/1/1", [["2", "项目"]]), "“provenance.project”应为列表 [[行号, 原文], …]"),
]


@pytest.mark.parametrize("change, message", MALFORMED, ids=[m for _, m in MALFORMED])
def test_a_malformed_record_is_refused_naming_the_key(change, message):
    record = stored(to_record(full_table()))
    change(record)
    with pytest.raises(ValueError, match="记录") as error:
        from_record(record)
    assert message in str(error.value)


@pytest.mark.parametrize("data", [None, [], "记录"])
def test_what_is_no_record_is_refused(data):
    with pytest.raises(ValueError, match="记录应为对象"):
        from_record(data)


def test_a_malformed_record_leaves_its_data_as_it_was():
    record = stored(to_record(full_table()))
    before = copy.deepcopy(record)
    _set("indicators/0/line", "x")(record)
    with pytest.raises(ValueError):
        from_record(record)
    _set("indicators/0/line", 20)(record)
    assert record == before
