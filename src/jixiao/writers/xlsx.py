"""The official layout as an Excel workbook: one sheet per table, merged level-1 and level-2
cells, the header block, column widths, a CJK font and A4 landscape print settings."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from jixiao.layout import HEADING, capped, layout
from jixiao.model import TargetTable

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {4: (12, 16, 40, 22), 5: (12, 16, 34, 18, 18), 7: (10, 22, 14, 22, 30, 14, 14)}


def _sheet_title(table: TargetTable, index: int, taken: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name, each name once."""
    base = "".join(ch for ch in (table.project or table.unit or "绩效目标表") if ch not in "[]:*?/\\")[:26] or "绩效目标表"
    title = base if base not in taken else f"{base[:23]}（{index}）"
    taken.add(title)
    return title


_TALLEST = 20  # rows a merged cell may span and still fit on a printed page
_LINE = 13.5  # points per line of 10-point text
_PAGE = 440   # points of rows that fit on an A4 landscape page between the margins


def _number(text: str) -> Decimal | str | None:
    """An amount as a number Excel can add up; anything else (96%) as written."""
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return text


def _ems(text: str) -> float:
    """How wide a text is in Chinese characters: digits and Latin letters take about half."""
    return sum(1 if ord(ch) >= 0x2E80 else 0.55 for ch in text)


def _height(row: list, widths: Sequence[int]) -> float:
    """A row tall enough for its wrapped text (Excel does not grow rows with merged cells)."""
    lines = 1
    for box in row:
        if box.rowspan > 1:
            continue
        per_line = max(int(sum(widths[box.col: box.col + box.colspan]) / 1.9) - 1, 1)
        count = sum(max(math.ceil(_ems(part) / per_line), 1) for part in box.text.split("\n"))
        lines = max(lines, count)
    return min(lines * _LINE + 4, 409)


def _page_breaks(drawn, heights: list[float]) -> list[int]:
    """Rows after which a page must break so that no merged cell is cut by a page."""
    cuts = set(drawn.cuts())
    breaks, used, last_safe = [], 0.0, None
    for r, height in enumerate(heights):
        if used + height > _PAGE and last_safe is not None:
            breaks.append(last_safe + 1)  # openpyxl counts rows from 1; break after that row
            used = sum(heights[last_safe + 1: r])
            last_safe = None
        used += height
        if r in cuts:
            last_safe = r
    return breaks


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for index, table in enumerate(tables, 1):
        sheet = book.create_sheet(_sheet_title(table, index, taken))
        drawn = capped(layout(table), _TALLEST)
        for r, row in enumerate(drawn.rows, 1):
            for box in row:
                # Amounts are numbers (exact: openpyxl writes a Decimal as written); the rest, targets
                # included, stays the text a person wrote.
                value = _number(box.text) if box.role == "number" else box.text or None
                cell = sheet.cell(row=r, column=box.col + 1, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # =100% is a target, not a formula
                elif isinstance(value, Decimal) and value.as_tuple().exponent < 0:
                    cell.number_format = "0." + "0" * -value.as_tuple().exponent  # 3250.00 stays 3250.00
                cell.font = Font(name=FONT, size=14 if box.role == "title" else 10, bold=box.role in ("title", "year", "head"))
                horizontal = {"title": "center", "year": "center", "head": "center", "label": "center",
                              "number": "right"}.get(box.role, "left")
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal=horizontal)
                if box.colspan > 1 or box.rowspan > 1:
                    sheet.merge_cells(start_row=r, start_column=box.col + 1,
                                      end_row=r + box.rowspan - 1, end_column=box.col + box.colspan)
            for col in range(1, drawn.width + 1):
                if not row or row[0].role not in HEADING:
                    sheet.cell(row=r, column=col).border = _BORDER
        widths = _WIDTHS.get(drawn.width, (16,) * drawn.width)
        heights = [_height(row, widths) for row in drawn.rows]
        for r, height in enumerate(heights, 1):
            sheet.row_dimensions[r].height = height
        for r in _page_breaks(drawn, heights):
            sheet.row_breaks.append(Break(id=r))
        for col, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
    book.save(path)
