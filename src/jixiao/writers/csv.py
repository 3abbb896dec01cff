"""The indicators as CSV, one row each, for a spreadsheet or a statistics program; UTF-8 with
a BOM so that Excel opens the Chinese correctly."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from jixiao.model import Target, TargetTable

COLUMNS = ("文件", "表序号", "项目", "单位", "年度", "一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值",
           "重点工作", "对应项目", "行")


def _raw(target: Target | None) -> str:
    return target.raw if target is not None else ""


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(COLUMNS)
        for number, table in enumerate(tables, 1):
            for i in table.indicators:
                out.writerow([table.source, number, table.project or "", table.unit or "", table.year or "",
                              i.level1 or "", i.level2 or "", i.name, _raw(i.half_year), _raw(i.full_year),
                              i.extra.get("key_work") or "", i.extra.get("linked_project") or "", i.line])
