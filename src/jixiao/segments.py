"""A file's rows → one group of rows per target table, and labels that PDF extraction split
over two lines put back together. Pure functions of the rows; no meaning is given yet."""

from __future__ import annotations

import re

from jixiao.framework import level1_of, level2_of
from jixiao.grid import Cell, Row
from jixiao.headers import classify, indicator_column

YEAR_LINE = re.compile(r"^[（(]?\s*(\d{4})\s*年度?\s*[)）]?$")


def title_of(row: Row) -> str | None:
    """A title is a lone cell that names a performance table: ...绩效目标表, ...绩效自评表."""
    cells = row.cells
    if len(cells) != 1:
        return None
    text = cells[0].text.strip().lstrip("#").strip()
    if len(text) <= 60 and "绩效" in text and text.endswith("表"):
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
    for index, row in enumerate(rows):
        first = row.cells[0].text if row.cells else ""
        label = classify(first)
        starts_project = label is not None and label.key in ("project", "unit") and indicators_seen
        this_title = title_of(row)
        is_title = this_title is not None
        if is_title and content and indicators_seen and this_title == title and _continues(rows, index):
            is_title = False
        elif is_title:
            title = this_title
        if (is_title and content) or starts_project:
            segments.append([])
            content = indicators_seen = False
        segments[-1].append(row)
        if not is_title and not YEAR_LINE.match(first):
            content = True
        if not indicators_seen and any(indicator_column(c.text) == "name" for c in row.cells):
            indicators_seen = True
    return [s for s in segments if s]


def join_split_labels(rows: list[Row]) -> list[Row]:
    """A level-1 or level-2 cell printed over two lines (`经济效益` / `指标`, `服务对象` /
    `满意度`): a row made only of such tails is joined to the row above, cell by cell, when
    every join gives a label of the framework. Needs exact columns."""
    joined: list[Row] = []
    for row in rows:
        above = joined[-1] if joined else None
        if above is not None and 0 < len(row.cells) <= 2 and all(len(c.text) <= 6 for c in row.cells):
            cells_above = {c.col: c for c in above.cells}
            pairs = [(cells_above.get(c.col), c) for c in row.cells]
            if all(up is not None and _joins_to_label(up.text, c.text) for up, c in pairs):
                glued = {up.col: Cell(up.text + c.text, up.col, up.line) for up, c in pairs}
                joined[-1] = Row([glued.get(c.col, c) for c in above.cells], above.line)
                continue
        joined.append(row)
    return joined


def _joins_to_label(head: str, tail: str) -> bool:
    whole = head + tail
    if not (level1_of(whole) or level2_of(whole)):
        return False
    # The tail must add something the head lacked (服务对象 → 服务对象满意度), or be the
    # 指标 suffix that PDF extraction pushed to the next line.
    return tail.replace(" ", "") == "指标" or not (level1_of(head) or level2_of(head))
