"""The Grid: rows of cells as a reader found them, before any meaning is given to them.

Every reader (text, and later xlsx, docx, pdf, html) produces a Grid; one interpreter
turns any Grid into target tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cell:
    """A non-empty cell: its text, its column, and the line (or sheet row) it came from.
    Readers of formats with merged cells or pages will add what they need to locate one."""

    text: str
    col: int
    line: int  # 1-based line (text) or row number (spreadsheets), for messages


@dataclass(slots=True)
class Row:
    """One physical row: its non-empty cells, each knowing its column. An empty cell carries
    nothing but its position, and `col` keeps that."""

    cells: list[Cell]
    line: int
    page: int | None = None  # PDF: the page it stands on, for messages and page ranges
    block: int | None = None  # the ruled table (PDF, Word, HTML) or sheet (Excel) it belongs to; None: free text


def mentions(cells: list[Cell], word: str) -> bool:
    """True when some cell's text contains `word`. Asked of every row, several times: a plain
    loop costs half of any() over a generator."""
    for cell in cells:
        if word in cell.text:
            return True
    return False


@dataclass(slots=True)
class Grid:
    source: str
    rows: list[Row] = field(default_factory=list)
    # False when empty cells left no trace (text split on spaces): `col` is then only the
    # order of a cell in its row, and the interpreter must not read meaning into it.
    exact_columns: bool = True
    # True when the reader tells ruled tables from the text around them (Row.block): what
    # lies outside every target table can then be told apart (a budget book's other tables).
    blocks: bool = False
