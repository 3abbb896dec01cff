"""Excel reader: every sheet, in order, row by row, into one Grid.

A merged cell's text stands in its top-left cell and the cells it covers are empty, which
is how the interpreter already reads merged cells. Numbers come back as the text a person
sees in Excel, not as binary floats (86.69, not 86.69000000000001); dates as written dates.
Rows are numbered on from one sheet to the next, so a table may run over several sheets.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from jixiao.errors import InputError
from jixiao.grid import Cell, Grid, Row


_FIXED = re.compile(r"^(?:#,##)?0(?:\.(0+))?$")


def shown(value: object, number_format: str = "General") -> str:
    """A cell's value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        if "年" in number_format:
            return f"{value.year}年{value.month}月{value.day}日" if "d" in number_format else f"{value.year}年{value.month}月"
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        if "%" in number_format:
            return _number(Decimal(str(value)) * 100) + "%"
        fixed = _FIXED.match(number_format)
        if fixed:  # 0.00, #,##0.00: as many places as the format shows (no thousands separators)
            return format(Decimal(str(value)).quantize(Decimal(1).scaleb(-len(fixed.group(1) or ""))), "f")
        return _number(value)
    return str(value).strip()


def _number(value: int | float | Decimal) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = format(value, ".11g")  # what Excel's General format shows
        return text if "e" not in text else repr(value)
    return format(Decimal(value).normalize(), "f") if isinstance(value, Decimal) else str(value)


def read(data: bytes, path: str) -> Grid:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, openpyxl, lxml and defusedxml (entity tricks) each raise their own kinds
        raise InputError(path, f"Excel 文件已损坏或无法读取（{_why(error)}）") from None
    grid = Grid(source=path)
    line = 0
    try:
        for sheet in book.worksheets:
            for values in sheet.iter_rows():
                line += 1
                cells = []
                for col, cell in enumerate(values):
                    text = shown(getattr(cell, "value", None), getattr(cell, "number_format", "General") or "General")
                    if text:
                        cells.append(Cell(text, col, line))
                if cells:
                    grid.rows.append(Row(cells, line))
    except Exception as error:  # a sheet broken inside a sound archive
        raise InputError(path, f"Excel 文件第 {line} 行附近无法读取（{_why(error)}）") from None
    finally:
        book.close()
    return grid


def _why(error: BaseException) -> str:
    """The reason in a few words; openpyxl wraps the parser's error, so look down the chain."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__name__ in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"):
            return "含有 XML 实体或外部引用，疑为恶意文件"
        seen = seen.__cause__ or seen.__context__
    return "文件内容损坏"
