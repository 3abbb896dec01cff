"""Word reader: the document body in order, each paragraph a row of one cell (the title,
the year, texts written between tables) and each table row a row of cells. A merged cell
(gridSpan across, vMerge down) gives its text once, at its first row and column."""

from __future__ import annotations

import io
import zipfile

from jixiao.errors import InputError
from jixiao.grid import Cell, Grid, Row


def read(data: bytes, path: str) -> Grid:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(path, "Word 文件已损坏或不完整") from None
    except Exception:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise InputError(path, "Word 文件的内容结构无法识别，可能已损坏；请用 Word 或 WPS 打开后另存为 .docx 再试") from None
    grid = Grid(source=path)
    line = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line += 1
            text = block.text.strip()
            if text:
                grid.rows.append(Row([Cell(text, 0, line)], line))
        elif isinstance(block, Table):
            line = _table(block, grid, line)
    return grid


def _table(table, grid: Grid, line: int) -> int:
    width = len(table.columns)
    cells = table._cells  # row-major, a merged cell repeated over every grid place it covers
    seen: set[int] = set()
    for start in range(0, len(cells), max(width, 1)):
        line += 1
        row = []
        for col, cell in enumerate(cells[start: start + width]):
            key = id(cell._tc)
            if key in seen:
                continue  # covered by a merge that began above or to the left
            seen.add(key)
            text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text:
                row.append(Cell(text, col, line))
        if row:
            grid.rows.append(Row(row, line))
    return line
