"""The template of the actual-values file (`jixiao actuals-template`): one row per indicator
and checkpoint with its level-1, level-2, name and targets and the columns a unit fills in,
then the budget rows; written as CSV (UTF-8 with a BOM, which Excel opens) or XLSX (with
drop-down lists for the deviation causes and the likelihood of completion)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from jixiao.actuals import CAUSES, INDICATOR_COLUMNS, LIKELIHOODS, SPENDING_COLUMNS, TOTAL_SOURCE, table_budget
from jixiao.model import TargetTable, decimal_text

def template_rows(table: TargetTable, months: Sequence[int] = (6, 12)) -> list[list[str]]:
    """The rows of the file a unit fills in: one row per indicator and checkpoint, then the
    budget rows (the total, and each funding source the table lists with an amount)."""
    rows: list[list[str]] = [["实际完成值填报表（jixiao 绩效监控与自评）"],
                             ["项目名称", table.project or table.unit or ""],
                             ["年度", str(table.year) if table.year else ""],
                             ["说明", "每个指标每个时点一行：月份填截至几月底（1–12，12 为全年）；实际完成值按指标值的单位填写"
                                    "（如 1500家、95%、达成年度指标）；偏差原因类别填 " + "、".join(CAUSES) +
                                    "；完成可能性填 " + "、".join(LIKELIHOODS) + "；分值可改（同一一级指标内默认平均分配）"],
                             [],
                             list(INDICATOR_COLUMNS)]
    for indicator in table.indicators:
        for month in months:
            rows.append([indicator.level1 or "", indicator.level2 or "", indicator.name,
                         indicator.half_year.raw if indicator.half_year else "",
                         indicator.full_year.raw if indicator.full_year else "",
                         "", str(month), "", "", "", ""])
    rows += [[], list(SPENDING_COLUMNS)]
    budget = table_budget(table)
    for month in months:
        rows.append([TOTAL_SOURCE, decimal_text(budget) or "", str(month), ""])
    sources = [f for f in table.funding if f.parent is None and f.amount_wan]
    for source in sources if len(sources) > 1 else []:
        for month in months:
            rows.append([source.name, decimal_text(source.amount_wan) or "", str(month), ""])
    return rows


def write_template(table: TargetTable, path: str | Path, form: str, months: Sequence[int] = (6, 12)) -> None:
    rows = template_rows(table, months)
    if form == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(rows)
        return
    _write_xlsx(rows, path)


def _write_xlsx(rows: list[list[str]], path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "实际完成值"
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for r, row in enumerate(rows, 1):
        is_head = row[:1] in (["一级指标"], ["资金来源"])
        for c, text in enumerate(row, 1):
            cell = sheet.cell(row=r, column=c, value=text or None)
            cell.data_type = "s"  # ≥1800个, =100% and 6 stay text as written
            cell.font = Font(name="宋体", size=10, bold=is_head or r == 1)
            cell.alignment = Alignment(vertical="center", wrap_text=c in (3, 10))
            if is_head:
                cell.fill = head_fill
    causes = DataValidation(type="list", formula1='"' + ",".join(CAUSES) + '"', allow_blank=True)
    likely = DataValidation(type="list", formula1='"' + ",".join(LIKELIHOODS) + '"', allow_blank=True)
    first = next(r for r, row in enumerate(rows, 1) if row[:1] == ["一级指标"]) + 1
    last = next(r for r, row in enumerate(rows, 1) if row[:1] == ["资金来源"]) - 2
    if last >= first:
        causes.add(f"I{first}:I{last}")
        likely.add(f"K{first}:K{last}")
        sheet.add_data_validation(causes)
        sheet.add_data_validation(likely)
    for letter, width in zip("ABCDEFGHIJK", (12, 14, 30, 14, 14, 8, 8, 16, 14, 30, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{first}"
    book.save(path)
