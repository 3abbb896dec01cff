"""A file's rows → one group of rows per target table, and labels that PDF extraction split
over two lines put back together. Pure functions of the rows; no meaning is given yet."""

from __future__ import annotations

import re

from jixiao.framework import level1_of, level2_of
from jixiao.grid import Cell, Row, mentions
from jixiao.headers import classify, indicator_column
from jixiao.indicators import LIST_ROLES, Header, middle_columns, names_column, project_columns, read_header, stack_header

_TITLE_NOTE = re.compile(r"\s*[（(][^（）()]{0,12}[)）]$")
BARE_YEAR = re.compile(r"^(20\d\d)$")  # a title's year drawn apart from it
YEAR_LINE = re.compile(r"^[（(]?\s*(\d{4})\s*年度?\s*[)）]?$")


def title_of(row: Row) -> str | None:
    """A title is a lone cell that names a performance table: ...绩效目标表, ...绩效自评表."""
    cells = row.cells
    if len(cells) != 1 or "绩效" not in cells[0].text:
        return None  # most lines: stripping can only take characters away, so test the word first
    text = cells[0].text.strip().lstrip("#").strip()
    if len(text) > 60:
        return None  # the cheap test of the rule below, before its pattern
    bare = _TITLE_NOTE.sub("", text)  # 项目支出绩效目标表（预算表11）, 绩效目标表(续)
    if "绩效" in bare and bare.endswith("表"):
        return text
    return None


def _continues(rows: list[Row], index: int) -> bool:
    """A title repeated at the top of a page, above indicator rows that go on from the page
    before (no header field, no column header after it): the table goes on."""
    for row in rows[index + 1:]:
        if title_of(row) is not None or YEAR_LINE.match(row.cells[0].text if row.cells else ""):
            continue
        return len(row.cells) >= 2 and classify(row.cells[0].text) is None \
            and not any(indicator_column(c.text) not in (None, "block") for c in row.cells)
    return False


def split_tables(rows: list[Row]) -> list[list[Row]]:
    """A title starts a table; so does a 项目名称 row once the current table has indicators.
    A title repeated over the indicator rows of a continued page starts nothing."""
    segments: list[list[Row]] = [[]]
    content = False
    indicators_seen = False
    title: str | None = None
    segment = segments[0]
    for index, row in enumerate(rows):
        cells = row.cells
        first = cells[0].text if cells else ""
        starts_project = False
        if indicators_seen:
            label = classify(first)
            starts_project = label is not None and label.key in ("project", "unit")
        is_title = False
        if len(cells) == 1:  # (title_of's own first test)
            this_title = title_of(row)
            if this_title is not None:
                is_title = True
                if content and indicators_seen and this_title == title and _continues(rows, index):
                    is_title = False
                else:
                    title = this_title
        if (is_title and content) or starts_project:
            segment = []
            segments.append(segment)
            content = indicators_seen = False
        segment.append(row)
        if not content and not is_title and not YEAR_LINE.match(first):
            content = True
        if not indicators_seen and names_column(cells):
            indicators_seen = True
    return [s for s in segments if s]


def join_split_labels(rows: list[Row]) -> list[Row]:
    """A level-1 or level-2 cell printed over two lines (`经济效益` / `指标`, `服务对象` /
    `满意度`): a row made only of such tails is joined to the row above, cell by cell, when
    every join gives a label of the framework. Needs exact columns."""
    joined: list[Row] = []
    for row in rows:
        cells = row.cells
        if joined and 0 < len(cells) <= 2 and len(cells[0].text) <= 6 and len(cells[-1].text) <= 6:
            above = joined[-1]
            pairs = _tails(above, cells)
            if pairs is not None:
                glued = {up.col: Cell(up.text + c.text, up.col, up.line) for up, c in pairs}
                joined[-1] = Row([glued.get(c.col, c) for c in above.cells], above.line)
                continue
        joined.append(row)
    return joined


def _tails(above: Row, cells: list[Cell]) -> list[tuple[Cell, Cell]] | None:
    """Each cell with the cell above it in its column, when every one joins it to a label;
    else None. Most short rows fail at their first cell: no dict of the row above is built."""
    pairs = []
    for cell in cells:
        up = _at_col(above.cells, cell.col)
        if up is None or not _joins_to_label(up.text, cell.text):
            return None
        pairs.append((up, cell))
    return pairs


def _at_col(cells: list[Cell], col: int) -> Cell | None:
    """The cell of a row in a column (the last one, should two share it)."""
    for cell in reversed(cells):
        if cell.col == col:
            return cell
    return None


def _joins_to_label(head: str, tail: str) -> bool:
    whole = head + tail
    if not (level1_of(whole) or level2_of(whole)):
        return False
    # The tail must add something the head lacked (服务对象 → 服务对象满意度), or be the
    # 指标 suffix that PDF extraction pushed to the next line.
    return tail.replace(" ", "") == "指标" or not (level1_of(head) or level2_of(head))


SUMMARY = frozenset(["合计", "总计", "小计"])  # a list's total row

ListHeader = tuple[int, Header]  # the index of the column header over a list of projects, and the header


def split_projects(rows: list[Row], start: ListHeader | None) -> list[list[Row]]:
    """A list of projects in one ruled table (项目名称 | 资金总额 | 绩效目标 | 一级指标 …, the
    budget systems of Hunan and Jilin): each project becomes a table of its own, headed by
    the rows above the list (title, unit, column header). A project repeated at the top of
    the next page goes on. `start` is the list's header, as join_continued_lists found it."""
    if start is None:
        return [rows]
    index, header = start
    name_col = header.projects[header.listed()]
    first_indicator_col = min((c for c, r in header.role_at.items() if r not in LIST_ROLES), default=None)
    prefix = rows[: index + 1]
    segments: list[list[Row]] = [list(prefix)]
    current: str | None = None
    for row in rows[index + 1:]:
        cells = {c.col: c for c in row.cells}
        name = cells.get(name_col)
        opens = name is not None and "".join(name.text.split()) not in SUMMARY and classify(name.text) is None \
            and indicator_column(name.text) is None and first_indicator_col is not None \
            and any(c.col >= first_indicator_col for c in row.cells)
        if opens and name.text != current:
            if current is not None:
                segments.append(list(prefix))
            current = name.text
        segments[-1].append(row)
    return segments


def join_continued_lists(segments: list[list[Row]]) -> list[tuple[list[Row], ListHeader | None]]:
    """A list of projects that goes on over pages repeats its title and column header on
    each: the pages are one list again. Each segment comes with its list header (None when
    it is no list); a list joined with more rows keeps the header of its first page."""
    joined: list[tuple[list[Row], ListHeader | None]] = []
    for rows in segments:
        start = _list_header(rows)
        if start is not None and joined and joined[-1][1] is not None and _titles(rows) == _titles(joined[-1][0]):
            joined[-1] = (joined[-1][0] + rows, joined[-1][1])
        else:
            joined.append((rows, start))
    return joined


def _titles(rows: list[Row]) -> list[str]:
    return [t for row in rows[:3] if (t := title_of(row)) is not None]


def _list_header(rows: list[Row]) -> ListHeader | None:
    """The index and header of the column header over a list of projects, or None."""
    for index, row in enumerate(rows):
        if not mentions(row.cells, "指标"):
            continue  # every name column (三级指标, 指标名称) says 指标
        header = read_header(row.cells)
        if header is None:
            continue
        if header.projects:
            return index, header
        top = index - 1
        while top > 0 and not project_columns(rows[top].cells) and middle_columns(rows[top].cells):
            top -= 1  # 资金总额 | 按收入性质分 | 按支出性质分 between the upper row and the indicators
        if top >= 0 and project_columns(rows[top].cells):
            merged = read_header(stack_header([r.cells for r in rows[top:index + 1]]))
            if merged is not None and merged.projects:
                return index, merged
        return None
    return None
