"""HTML reader: tables as government web pages publish them (rowspan, colspan), and the
text around them (title, year) as rows of one cell. A spanned cell's text stands at its
first row and column; the places it covers are empty, as in the other readers. Rows are
numbered in document order."""

from __future__ import annotations

from html.parser import HTMLParser

from jixiao.errors import InputError
from jixiao.grid import Cell, Grid, Row
from jixiao.readers.text import decode

_BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li caption title section article header footer".split())
_SKIP = frozenset(["script", "style", "head", "noscript", "template"])
MAX_SPAN = 1000  # a rowspan or colspan beyond any real table is read as this


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[int, str]]] = []  # each: (column, text) of non-empty cells
        self.text: list[str] = []  # text outside any cell
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.tr: list[tuple[str, int, int]] | None = None  # (text, rowspan, colspan)
        self.covered: dict[int, set[int]] = {}  # row index → columns taken by rowspans from above
        self.skipping = 0
        self.tables = 0

    # -- structure
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "table":
            self.flush_text()
            self.tables += 1
        elif tag == "tr":
            self.end_row()
            self.tr = []
        elif tag in ("td", "th"):
            self.end_cell()
            if self.tr is None:
                self.tr = []
            values = dict(attrs)
            self.span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self.cell = []
        elif tag == "br" or (tag in _BLOCKS and self.cell):
            self.write("\n")
        elif tag in _BLOCKS:
            self.flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in ("td", "th"):
            self.end_cell()
        elif tag == "tr":
            self.end_row()
        elif tag == "table":
            self.end_row()
            self.covered.clear()
            self.tables = max(self.tables - 1, 0)
        elif tag in _BLOCKS and self.cell is None:
            self.flush_text()
        elif tag in _BLOCKS:
            self.write("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.write(data)

    def write(self, data: str) -> None:
        (self.cell if self.cell is not None else self.text).append(data)

    # -- rows
    def end_cell(self) -> None:
        if self.cell is not None and self.tr is not None:
            self.tr.append(("".join(self.cell), *self.span))
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.tr is None:
            return
        index = len(self.rows)
        taken = self.covered.pop(index, set())
        placed: list[tuple[int, str]] = []
        col = 0
        for text, rowspan, colspan in self.tr:
            while col in taken:
                col += 1
            placed.append((col, text))
            for below in range(index + 1, index + rowspan):
                self.covered.setdefault(below, set()).update(range(col, col + colspan))
            col += colspan
        self.rows.append(placed)
        self.tr = None

    def flush_text(self) -> None:
        text = "".join(self.text).strip()
        self.text = []
        if text:
            self.rows.append([(0, text)])


def _span(value: str | None) -> int:
    try:
        return min(max(int(str(value).strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def read(data: bytes, path: str) -> Grid:
    reader = _Reader()
    try:
        # A NUL in the page's text is dropped, as a browser shows the page (HTML's parsing
        # ignores it); the decoder refuses one only in a file's first 4 KB, as a sign of binary.
        reader.feed(decode(data, path).replace("\x00", ""))
        reader.close()
    except AssertionError as error:  # html.parser's way of giving up on broken markup
        raise InputError(path, f"HTML 无法解析（{error}）") from None
    reader.end_row()
    reader.flush_text()
    grid = Grid(source=path)
    for number, placed in enumerate(reader.rows, 1):
        cells = [Cell(text, col, number) for col, raw in placed if (text := _tidy(raw))]
        if cells:
            grid.rows.append(Row(cells, number))
    return grid
