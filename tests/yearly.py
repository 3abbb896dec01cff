"""Helpers for the tests of actual values, monitoring and self-evaluation: a small target table
written as text and read through the importer, and its actual values written as the CSV a unit
fills in and read through jixiao.actuals."""

from __future__ import annotations

import csv
from pathlib import Path

from jixiao import actuals
from jixiao.api import parse_file
from jixiao.model import TargetTable

INDICATOR_HEAD = list(actuals.INDICATOR_COLUMNS)
SPENDING_HEAD = list(actuals.SPENDING_COLUMNS)


def target_table(folder: Path, indicators: list[tuple[str, str, str, str, str]], total: str = "100",
                 kind: str = "项目支出", expenditures: list[tuple[str, str, str]] | None = None,
                 name: str = "表.txt") -> TargetTable:
    """A table with these (level-1, level-2, name, half-year, full-year) rows, read back."""
    lines = [f"{kind}绩效目标表", "2026年度", "项目名称\t测试项目", "主管部门\t测试局\t实施单位\t测试中心",
             f"资金总额\t{total}"]
    if expenditures:
        lines += ["项目资金（万元）\t支出\t半年（程）计划执行数\t全年（程）预算数"]
        lines += [f"\t{n}\t{h}\t{a}" for n, h, a in expenditures]
    lines.append("一级指标\t二级指标\t三级指标\t半年（程）指标值\t全年（程）指标值")
    previous = (None, None)
    for level1, level2, indicator, half, full in indicators:
        shown1 = level1 if level1 != previous[0] else ""
        shown2 = level2 if (level1, level2) != previous else ""
        lines.append(f"{shown1}\t{shown2}\t{indicator}\t{half}\t{full}")
        previous = (level1, level2)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = parse_file(str(path))
    assert table.report == [], table.report
    return table


def actuals_file(folder: Path, rows: list[dict[str, str]], spending: list[tuple[str, str, str, str]] = (),
                 name: str = "实际.csv") -> Path:
    """The CSV a unit fills in: indicator rows given as {column: value}, then spending rows
    (资金来源, 全年预算数, 月份, 累计支出)."""
    path = folder / name
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(INDICATOR_HEAD)
        for row in rows:
            out.writerow([row.get(column, "") for column in INDICATOR_HEAD])
        out.writerow([])
        out.writerow(SPENDING_HEAD)
        out.writerows(spending)
    return path


def read_actuals(folder: Path, table: TargetTable, rows: list[dict[str, str]],
                 spending: list[tuple[str, str, str, str]] = ()) -> actuals.Actuals:
    return actuals.read(str(actuals_file(folder, rows, spending)), table)


def year_end(name: str, value: str, **more: str) -> dict[str, str]:
    """An indicator's row at month 12."""
    return {"三级指标": name, "月份": "12", "实际完成值": value, **more}
