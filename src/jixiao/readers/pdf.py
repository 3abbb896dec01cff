"""PDF reader (pdfplumber): ruled tables page by page, and the lines of text around them.

Each ruled table gives rows of cells in its column grid; a merged cell's text stands at its
first row and column. Text wrapped inside a cell is joined again: Chinese wraps anywhere, so
a line that runs to the cell's right edge goes on in the next line, and a line that stops
short after a sentence ends a paragraph, as does a full stop followed by an enumerator (（二）, 2.). Lines outside the tables (title, year, page numbers) are rows of one
cell, in their place on the page. A table that runs over pages just goes on: the interpreter
reads a repeated header and a continued block as it does in text.
"""

from __future__ import annotations

import io
import logging
import re
from bisect import bisect_right

from jixiao.errors import InputError
from jixiao.grid import Cell, Grid, Row
from jixiao.texts import ENUMERATOR, SENTENCE_END

_FULL_STOP = tuple("。！？!?")  # not ；: an inline list (…；3. …) goes on
_PARAGRAPH_END = SENTENCE_END + tuple("：:”’）)】")
# A gap is a space only when wider than a quarter of an em: LibreOffice leaves a fifth of an
# em between Chinese and Latin runs (no space), and draws a space as a gap of about a third.
# Chars a line apart by less than 4.5 points are one line: producers that set digits in
# another font than Chinese (WPS: DejaVu beside 仿宋) lift one of them by 3 points or more,
# and a cell's lines are 11 points apart or more.
_TEXT = {"x_tolerance_ratio": 0.26, "y_tolerance": 4.5}
_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# Page furniture: a page number alone on a line (28, — 28 —, - 28 -, 第28页, 第 2 页 共 9 页).
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d{1,4}\s*页(\s*[,，]?\s*共\s*\d{1,4}\s*页)?$")
_MARGIN = 0.12  # the share of the page height at the top and bottom where page numbers stand
_ALIGN = 2.0  # points: column edges this close are the same column


def read(data: bytes, path: str, max_pages: int = 500) -> Grid:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    # pdfminer logs every oddity of a damaged file; the user gets one line from us instead.
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)

    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds for a broken file; pdfplumber wraps them
        cause = error.args[0] if error.args else error
        if isinstance(error, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            raise InputError(path, "PDF 已加密，需要密码才能打开") from None
        raise InputError(path, "PDF 已损坏或不完整，无法打开") from None
    grid = Grid(source=path, blocks=True)
    line = 0
    chars_seen = 0
    layout = _Columns()
    try:
        try:
            pages = document.pages
        except Exception:
            raise InputError(path, "PDF 已损坏或不完整，读不出页面") from None
        if len(pages) > max_pages:
            raise InputError(path, f"PDF 有 {len(pages)} 页，超过上限 {max_pages} 页（可用 JIXIAO_MAX_PAGES 调整）")
        for page in pages:
            try:
                items = _page_items(page, layout)
                chars_seen += len(page.chars)
            except Exception:  # a damaged page: pdfminer raises anything from TypeError up
                raise InputError(path, f"PDF 第 {page.page_number} 页已损坏，无法解析") from None
            for block, cells in items:
                line += 1
                grid.rows.append(Row([Cell(text, col, line) for col, text in cells], line, page.page_number, block))
    finally:
        _close(document)
    if chars_seen == 0:
        raise InputError(path, "PDF 没有文字层（疑为扫描件），无法识别；请提供文字版 PDF 或 Excel、Word 文件（本系统不做 OCR）")
    return grid


def _close(document) -> None:
    """Close without a second error: pdfplumber's close walks the pages a damaged file broke."""
    try:
        document.close()
    except Exception:
        pass


class _Columns:
    """Column edges that go on from page to page. A table continued on the next page may lose
    a column whose cells are all empty there (a merged level-1 block that began on the page
    before): its columns are then numbered as the table above numbered them, so that every
    page of one table speaks of the same columns."""

    def __init__(self) -> None:
        self.edges: list[float] = []
        self.rights: set[float] = set()
        self.tables = 0

    def of(self, table) -> tuple[int, list[float]]:
        """The block number and the column edges of a table: its own, or the ones it continues."""
        edges = sorted({round(c[0], 1) for row in table.rows for c in row.cells if c})
        rights = {round(c[2], 1) for row in table.rows for c in row.cells if c}
        previous = self.edges
        continues = previous and all(any(abs(e - p) <= _ALIGN for p in previous) for e in edges) \
            and any(abs(max(rights) - r) <= _ALIGN for r in self.rights)
        if continues:
            return self.tables, previous
        self.tables += 1
        self.edges, self.rights = edges, rights
        return self.tables, edges


def _page_items(page, layout: _Columns) -> list[tuple[int | None, list[tuple[int, str]]]]:
    """The page's rows, top to bottom: table rows (with their table's number) and the lines
    between them (None), without the page numbers in the margins."""
    tables = page.find_tables(_TABLES)
    boxes = [t.bbox for t in tables]
    _rebase_runs(page.chars, [cell for t in tables for row in t.rows for cell in row.cells if cell])
    placed: list[tuple[float, int | None, list[tuple[int, str]]]] = []
    for table in tables:
        block, columns = layout.of(table)
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    continue
                text = _cell_text(page, cell)
                if text:
                    cells.append((max(bisect_right(columns, round(cell[0], 1) + _ALIGN) - 1, 0), text))
            top = min((c[1] for c in row.cells if c), default=row.bbox[1])
            if cells:
                placed.append((top, block, cells))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, b) for b in boxes))
    margin = page.height * _MARGIN
    for text_line in outside.extract_text_lines(return_chars=False, **_TEXT):
        text = text_line["text"].strip()
        in_margin = text_line["top"] < margin or text_line["bottom"] > page.height - margin
        if text and not (in_margin and _PAGE_NUMBER.match(text)):
            placed.append((text_line["top"], None, [(0, text)]))
    placed.sort(key=lambda item: item[0])
    return [(block, cells) for _, block, cells in placed]


def _rebase_runs(chars: list[dict], cells: list[tuple[float, float, float, float]]) -> None:
    """Put back on its line a run of chars that another font set off the baseline.

    WPS sets digits, brackets and quotes in a second font and may draw them most of a char
    height above or below the Chinese around them (`不少于` 300 `万人次`, `率` ( `国家地面站` )):
    read as drawn, the run becomes a line of its own, or falls into the cell below. A run
    without Chinese moves onto a line less than a char height away when it fills one of that
    line's gaps: the chars on either side touch it, or the line ends there. Two real lines
    never overlap that much, so nothing else moves; nor does a run move into another cell of
    a ruled table. The chars are pdfplumber's own dicts, changed in place before anything
    reads their text."""
    for _ in range(3):  # a run returns to its line once its neighbours have: 设 “ 416 ” 科
        if not _rebase_pass(chars, cells):
            return


def _rebase_pass(chars: list[dict], cells: list[tuple[float, float, float, float]]) -> bool:
    """One pass over the page as it stands; True when a run moved."""
    lines: dict[float, list[dict]] = {}
    for char in chars:
        if not char["text"].isspace() and char.get("upright", True):
            lines.setdefault(round(char["top"], 1), []).append(char)
    if len(lines) < 2:
        return False
    for line in lines.values():
        line.sort(key=lambda c: c["x0"])
    tops = sorted(lines)
    # Decided on the page as drawn, then applied: a `%` off its brackets, which are off their
    # Chinese, ends on the Chinese line.
    moves: dict[int, tuple[list[dict], dict]] = {}
    for top in tops:
        for run in _runs(lines[top]):
            if any(_chinese(c) for c in run):
                continue  # the Chinese text is the baseline; the other font moves onto it
            size = run[0]["bottom"] - run[0]["top"]
            target = _gap_filled(run, size, lines[top], [lines[t] for t in tops if 1.5 < abs(t - top) < size])
            if target is not None and (_cell_of(target, cells) == _cell_of(run[0], cells)
                                       or not _within_a_cell(run, cells)):
                for char in run:
                    moves[id(char)] = (run, target)
    moved = False
    for run, target in {id(run): move for move in moves.values() for run in [move[0]]}.values():
        seen = {id(run[0])}
        while id(target) in moves and id(target) not in seen:
            seen.add(id(target))
            target = moves[id(target)][1]
        shift = target["top"] - run[0]["top"]
        moved = moved or abs(shift) > 0.01
        for char in run:
            char["top"] += shift
            char["bottom"] += shift
            char["doctop"] += shift
            char["y0"] -= shift
            char["y1"] -= shift
    return moved


def _about(line: list[dict], run: list[dict], size: float) -> int:
    """How many chars of the line stand within three chars of the run."""
    return sum(1 for c in line if run[0]["x0"] - 3 * size < c["x0"] < run[-1]["x1"] + 3 * size)


def _chinese(char: dict) -> bool:
    return "\u4e00" <= char["text"] <= "\u9fff"


def _runs(line: list[dict]) -> list[list[dict]]:
    """The runs of one font on a line: chars of that font less than half a char apart."""
    runs: list[list[dict]] = []
    for char in line:
        last = runs[-1][-1] if runs else None
        size = char["bottom"] - char["top"]
        if last is not None and last["fontname"] == char["fontname"] and char["x0"] - last["x1"] < size / 2:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _gap_filled(run: list[dict], size: float, own: list[dict], near: list[list[dict]]) -> dict | None:
    """A char of the nearby line whose gap the run fills best, or None. A side of the gap fits
    when its char touches the run (a wide bracket or quote may overlap it) or stands off
    by more than a char and a half (the line ends there, or the next cell begins)."""
    first, last = run[0], run[-1]
    best: tuple[float, dict] | None = None
    for line in near:
        before = [c for c in line if (c["x0"] + c["x1"]) / 2 < (first["x0"] + first["x1"]) / 2]
        after = [c for c in line if (c["x0"] + c["x1"]) / 2 > (last["x0"] + last["x1"]) / 2]
        if len(before) + len(after) != len(line):
            continue  # a char of the line stands inside the run: no gap there
        if before and after and after[0]["x0"] - before[-1]["x1"] < 0.4 * (last["x1"] - first["x0"]):
            continue  # no room in the line for the run
        gaps = [first["x0"] - before[-1]["x1"] if before else None, after[0]["x0"] - last["x1"] if after else None]
        touching = [g for g in gaps if g is not None and -size < g < 0.6 * size]
        if not touching or any(g is not None and g not in touching and g < 1.5 * size for g in gaps):
            continue
        neighbour = before[-1] if gaps[0] in touching else after[0]
        if not any(_chinese(c) for c in line):
            # Without Chinese to return to, only a near line that has more chars about here than
            # the run's own line: a `%` set off between its brackets, not the brackets moved to it.
            if abs(neighbour["top"] - first["top"]) > 0.3 * size or _about(line, run, size) <= _about(own, run, size):
                continue
        fit = sum(abs(g) for g in touching) / len(touching)
        if best is None or fit < best[0]:
            best = (fit, neighbour)
    return best[1] if best else None


def _cell_of(char: dict, cells: list[tuple[float, float, float, float]]) -> tuple | None:
    return next((cell for cell in cells if _inside(char, cell)), None)


def _within_a_cell(run: list[dict], cells: list[tuple[float, float, float, float]]) -> bool:
    """Whether the run lies wholly inside one cell, clear of its rules."""
    top, bottom = run[0]["top"], run[0]["bottom"]
    return any(cell[1] <= top and bottom <= cell[3] and cell[0] <= run[0]["x0"] and run[-1]["x1"] <= cell[2]
               for cell in cells)


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    """Whether the char belongs in the box: its centre across, and down a point a third of
    its height below its top. A line drawn on a rule, half in the cell below, is the end of
    a cell too short for its text (WPS draws it anyway), so it belongs to the cell above."""
    x = (char["x0"] + char["x1"]) / 2
    y = char["top"] + (char["bottom"] - char["top"]) / 3
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_text(page, bbox: tuple[float, float, float, float]) -> str:
    """The text of one cell, its wrapped lines joined and its paragraphs kept."""
    # A char belongs to the cell that holds its centre: producers draw text touching the rules.
    region = page.filter(lambda obj: obj.get("object_type") == "char" and _inside(obj, bbox))
    lines = region.extract_text_lines(return_chars=True, **_TEXT)
    if not lines:
        return ""
    right = bbox[2]
    spaces = [c for c in region.chars if c["text"].isspace()]
    paragraphs: list[str] = []
    ended = True
    for text_line in lines:
        # A space at the end of a wrapped line belongs between its words (2. 带领), but
        # pdfplumber leaves it out of the line: take it back from the chars.
        raw = text_line["text"]
        if any(abs(c["top"] - text_line["top"]) < 1 and c["x0"] >= text_line["x1"] - 0.5 for c in spaces):
            raw += " "
        text = raw.strip()
        if not text:
            continue
        chars = text_line["chars"]
        size = max((c["x1"] - c["x0"] for c in chars), default=8)
        starts_anew = paragraphs and paragraphs[-1].rstrip().endswith(_FULL_STOP) and ENUMERATOR.match(text)
        if ended or not paragraphs or starts_anew:
            paragraphs.append(raw.lstrip())
        else:
            paragraphs[-1] += raw
        # A line that stops well short of the cell's right edge, after a sentence, ends its
        # paragraph (a long number or 文号 that would not fit also leaves a line short).
        ended = text_line["x1"] < right - 2.2 * size and text.endswith(_PARAGRAPH_END)
    return "\n".join(p.strip() for p in paragraphs)
