"""Nothing is lost: every non-empty cell of a file ends up somewhere a user can see it.

A cell is accounted for when it is a label of the vocabulary (a header field, a column
header, a framework name, a title or year line), or when its text appears in what the
table carries: a value, a text, an indicator, a repair, a warning or the parse report.
Amounts count when their number is carried (1,500 → 1500; 580000 元 → 58 万元).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from jixiao.api import parse_file
from jixiao.framework import level1_of, level2_of
from jixiao.grid import Grid
from jixiao.headers import TOTAL_SCORE, canonical, classify, funding_name, funds_column, indicator_column
from jixiao.model import TargetTable
from jixiao.readers import read_grid
from jixiao.tasks import SUMMED, TASKS_BLOCK, TOTAL_ROW, task_column
from jixiao.values import parse_decimal

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))
_MARKUP = re.compile(r"<[^>]+>|&[a-z]+;|[#\s]")


def _is_label(text: str) -> bool:
    return bool(
        classify(text) or indicator_column(text) or funds_column(text) or funding_name(text)
        or level1_of(text) or level2_of(text) or canonical(text) in ("小计", "支出", "收入", "指标")
        or canonical(text) in TOTAL_SCORE
        or canonical(text) in TASKS_BLOCK or canonical(text) in TOTAL_ROW or task_column(text)
        or text.strip() in ("-", "—", "－", "/")  # a dash in an amount cell stands for no amount
        or re.fullmatch(r"[（(]?\d{4}\s*年度?[)）]?", text.strip())
        or re.fullmatch(r"(金额)?单位[:：]\s*(万元|元|亿元)", text.strip())
    )


def _number(text: str) -> Decimal | None:
    return parse_decimal(re.sub(r"(万元|亿元|元|%)$", "", text.replace(",", "")))


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def unaccounted(grid: Grid, tables: list[TargetTable]) -> list[tuple[int, str]]:
    """The cells of a grid that neither the vocabulary nor the tables account for."""
    data = [t.to_json() for t in tables]
    strings = _strings(data)
    carried = "\n".join(_MARKUP.sub("", s) for s in strings)
    numbers = {n for s in strings if (n := _number(s)) is not None}
    numbers |= {n * 10000 for n in numbers}
    weights = [Decimal(i["weight"]) for t in data for i in t["indicators"] if i.get("weight")]
    weights += [Decimal(t["budget_execution"]["weight"]) for t in data
                if t.get("budget_execution") and t["budget_execution"]["weight"]]
    numbers.add(sum(weights, Decimal(0)))  # the 总分 row's 分值, checked by the interpreter
    for key, _ in SUMMED.values():  # the annual tasks' 金额合计 row, checked likewise
        numbers.add(sum((Decimal(t[key]) for d in data for t in d["tasks"] if t[key]), Decimal(0)))
    return [
        (cell.line, cell.text)
        for row in grid.rows for cell in row.cells
        if not _is_label(cell.text) and _number(cell.text) not in numbers
        and _MARKUP.sub("", cell.text) not in carried
    ]


@pytest.mark.parametrize("path", SEEDS + FIXTURES, ids=lambda p: p.name)
def test_every_cell_is_used_or_reported(path: Path):
    assert unaccounted(read_grid(str(path)), parse_file(str(path))) == []
