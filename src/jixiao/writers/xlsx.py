"""The official layout as an Excel workbook: one sheet per table, merged level-1 and level-2
cells, the header block, column widths, a CJK font and A4 landscape print settings."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jixiao.layout import layout
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


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for index, table in enumerate(tables, 1):
        sheet = book.create_sheet(_sheet_title(table, index, taken))
        drawn = layout(table)
        for r, row in enumerate(drawn.rows, 1):
            for box in row:
                # Amounts are numbers (exact: openpyxl writes a Decimal as written); the rest, targets
                # included, stays the text a person wrote.
                value = Decimal(box.text) if box.role == "number" and box.text else box.text or None
                cell = sheet.cell(row=r, column=box.col + 1, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # =100% is a target, not a formula
                title = box.role == "title"
                cell.font = Font(name=FONT, size=14 if title and r == 1 else 10, bold=box.role in ("title", "head"))
                cell.alignment = Alignment(wrap_text=True, vertical="center",
                                           horizontal="center" if box.role in ("title", "head", "label") else "left")
                if box.colspan > 1 or box.rowspan > 1:
                    sheet.merge_cells(start_row=r, start_column=box.col + 1,
                                      end_row=r + box.rowspan - 1, end_column=box.col + box.colspan)
            for col in range(1, drawn.width + 1):
                if not drawn.rows[r - 1] or drawn.rows[r - 1][0].role != "title":
                    sheet.cell(row=r, column=col).border = _BORDER
            longest = max((len(b.text) for b in row if b.role == "text"), default=0)
            if longest > 60:
                sheet.row_dimensions[r].height = min(15 * (longest // 60 + 1), 400)
        for col, width in enumerate(_WIDTHS.get(drawn.width, (16,) * drawn.width), 1):
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
    book.save(path)
