"""What in a file belongs to a target table and what does not.

A budget book (部门预算公开) is twenty to fifty pages: a cover, the unit's duties, a dozen
budget tables (收支总表, 财政拨款支出表 …), prose, and at the end the performance target
tables, often with a project's description between two of them. Read cell by cell, the
pages before the target tables would become a bogus table with a thousand unread cells.

Where the reader tells ruled tables from the text around them (`Grid.blocks`), a ruled
table is part of a target table when it holds indicator words (an indicator header, a
level-1 or level-2 label), or holds the header fields of a target table and is followed by
one that does. Text lines belong to the target table they head (its title, year, unit line)
or sit inside; everything else is *outside*, reported once per page range with what it is.
Ruled tables are judged page by page: a page of a table goes on from the page before unless
a title stands above it. A form printed empty (labels and categories, nothing filled in) is
outside too, not a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.framework import level1_of, level2_of
from jixiao.grid import Grid, Row
from jixiao.headers import canonical, classify, funding_name, funds_column, indicator_column
from jixiao.indicators import is_value_like, read_header
from jixiao.model import Note, TargetTable
from jixiao.segments import BARE_YEAR, YEAR_LINE, title_of
from jixiao.texts import ENUMERATOR

OUTSIDE = "不属于绩效目标表（预算表、说明文字等），未逐格读取"

_UNIT_LINE = re.compile(r"^(金额)?单位[:：]")
_BUDGET_TITLE = re.compile(r"(收支|收入|支出|拨款|三公|采购|预算|结转|资产|基金).{0,12}表")


@dataclass(slots=True)
class Outside:
    """A run of rows outside every target table."""

    rows: list[Row]

    def note(self) -> Note:
        first, last = self.rows[0], self.rows[-1]
        if first.page is not None and last.page is not None:
            where = f"第 {first.page} 页" if first.page == last.page else f"第 {first.page}–{last.page} 页"
        else:
            where = f"第 {first.line}–{last.line} 行" if first.line != last.line else f"第 {first.line} 行"
        return Note(first.line, f"{where}：{self.what()}", OUTSIDE)

    def what(self) -> str:
        """The budget tables named in the run, or its first line."""
        names: list[str] = []
        for row in self.rows:
            if len(row.cells) == 1 and row.block is None:
                text = row.cells[0].text.strip()
                if len(text) <= 40 and _BUDGET_TITLE.search(text) and text not in names:
                    names.append(text)
        if names:
            return "、".join(names[:4]) + (f" 等 {len(names)} 张表" if len(names) > 4 else "")
        text = " ".join(self.rows[0].cells[0].text.split())
        return text[:40] + ("…" if len(text) > 40 else "")


def _indicator_words(row: Row) -> bool:
    """An indicator header, or a level-1/level-2 label in a row that also holds a target.
    A lone word such as 数量 or 成本 is a column of many budget tables too."""
    if read_header(row.cells) is not None:
        return True
    labelled = any(level1_of(c.text) or level2_of(c.text) for c in row.cells)
    return labelled and any(is_value_like(c.text) for c in row.cells[1:])


def _head_words(row: Row) -> bool:
    """A row that opens with a header field, text or funds label of a target table (项目名称,
    年度目标, 项目资金 …); a budget table has such words only in its one column header."""
    text = row.cells[0].text
    return bool(text) and (classify(text.split("：")[0].split(":")[0]) is not None or title_of(row) is not None)


def _heading(row: Row) -> bool:
    """A line that heads a target table: its title, year, amount unit or a header field."""
    if len(row.cells) != 1:
        return classify(row.cells[0].text) is not None
    text = row.cells[0].text.strip()
    if title_of(row) is not None:
        return not ENUMERATOR.match(text) and not text.startswith("（")
    if YEAR_LINE.match(text) or BARE_YEAR.match(text) or _UNIT_LINE.match(text) or not text.strip(" :：()（）"):
        return True  # the year, the amount unit, or the colon of a label drawn apart
    label = classify(text.split("：")[0].split(":")[0].split()[0])
    return label is not None and label.kind == "field"


def partition(grid: Grid) -> tuple[list[Row], list[Note]]:
    """The rows that belong to target tables, and a note for each run of rows that does not."""
    rows = grid.rows
    if not grid.blocks:
        return rows, []
    units = _units(rows)
    count = max((u for u in units if u is not None), default=-1) + 1
    words = [False] * count
    head = [0] * count  # rows that open with a header field, text or funds label
    size = [0] * count
    block = [None] * count
    titled = [False] * count  # a title line stands just above the unit: a table starts there
    title_seen = False
    for row, unit in zip(rows, units):
        if unit is None:
            title_seen = title_seen or title_of(row) is not None
            continue
        if block[unit] is None:
            block[unit], titled[unit], title_seen = row.block, title_seen, False
        words[unit] = words[unit] or _indicator_words(row)
        head[unit] += _head_words(row)
        size[unit] += 1
    target = [w for w in words]
    for unit in range(1, count):  # a table going on over the next page, with no new title
        if not target[unit] and target[unit - 1] and block[unit] == block[unit - 1] and not titled[unit]:
            target[unit] = True
    for unit in range(count - 2, -1, -1):  # the header part of a table drawn apart from its indicators
        heads = head[unit] >= 2 or 0 < head[unit] == size[unit]
        if not target[unit] and heads and target[unit + 1] and not titled[unit + 1]:
            target[unit] = True
    inside = [unit is not None and target[unit] for unit in units]
    _take_headings(rows, inside)
    kept: list[Row] = []
    notes: list[Note] = []
    run: list[Row] = []
    for row, keep in zip(rows, inside):
        if keep:
            if run:
                notes.append(Outside(run).note())
                run = []
            kept.append(row)
        else:
            run.append(row)
    if run:
        notes.append(Outside(run).note())
    return kept, notes


def _units(rows: list[Row]) -> list[int | None]:
    """Each ruled row's unit: a run of rows of one ruled table on one page, with no title
    line between them; None for the text lines."""
    units: list[int | None] = []
    current = -1
    last: tuple[int | None, int | None] | None = None
    titled = False
    for row in rows:
        if row.block is None:
            titled = titled or title_of(row) is not None
            units.append(None)
            continue
        if (row.block, row.page) != last or titled:
            current += 1
            last, titled = (row.block, row.page), False
        units.append(current)
    return units


def _take_headings(rows: list[Row], inside: list[bool]) -> None:
    """Text lines right above a target block that head it, and lines between two rows of
    one table (a repeated header line on a continued page), belong to the table."""
    for i, row in enumerate(rows):
        if not inside[i] or row.block is None or (i > 0 and rows[i - 1].block == row.block):
            continue
        j = i - 1
        while j >= 0 and rows[j].block is None and _heading(rows[j]):
            inside[j] = True
            j -= 1
        if j >= 0 and rows[j].block == row.block:
            for k in range(j + 1, i):
                inside[k] = True


BLANK = "空白的绩效目标表（只有表头和指标类别），不作为一张表"


# Labels of printed forms that carry no value of their own (Xi'an 表16, Chongqing 表十一).
_FORM_WORDS = frozenset(["年度总目标", "实施期总目标", "当年预算", "市级支出", "补助区县"])


def blank(table: TargetTable) -> bool:
    """A form printed empty (表16 of Xi'an budget books): labels, categories, nothing filled in."""
    texts = [text for key, text in table.texts.items() if key != "other"]  # 备注：故此表无数据 is no content
    return not table.indicators and not any(texts) and not table.tasks and not table.expenditures \
        and table.total_amount_wan is None and all(f.amount_wan is None for f in table.funding) \
        and all(_form_label(n.text) for n in table.report) and not table.fields \
        and not any(_filled(table, key) for key in table.provenance)


HEADER_ONLY = "只有表头字段，没有指标、资金或文字说明，不作为一张表"


def header_only(table: TargetTable) -> bool:
    """Header fields and nothing else (项目名称 X alone): no indicator, amount, spending line,
    task, text, category or score, and no cell it could not read. A form's first rows or a
    book's cover, not a target table."""
    # Cells it could not read (report) keep it a table: the reader must see them in its report.
    return table.filled() <= _HEADER_KEYS


# What a fragment of header rows may hold; anything else makes it a table.
_HEADER_KEYS = frozenset("source kind stage title year unit authority project contact fields outside warnings".split())


def _filled(table: TargetTable, key: str) -> bool:
    """A header field or text the file wrote something in (the title and a remark aside)."""
    return key not in ("title", "other") and any(text.strip() and not _form_label(text) for _, text in table.provenance[key])


def _form_label(text: str) -> bool:
    """A printed label of the form (年度资金总额：, 年度总目标), as an empty form reports them."""
    return classify(text) is not None or funding_name(text) is not None or indicator_column(text) is not None \
        or funds_column(text) == "form" \
        or canonical(text) in _FORM_WORDS


def place_outside(tables: list[TargetTable], outside: list[Note]) -> None:
    """Each note on what lies outside the tables goes to the table that follows it."""
    if not tables or not outside:
        return
    starts = [min((line for line in _lines(t)), default=0) for t in tables]
    for note in sorted(outside, key=lambda n: n.line or 0):
        index = next((i for i, start in enumerate(starts) if start > (note.line or 0)), len(tables) - 1)
        tables[index].outside.append(note)


def _lines(table: TargetTable) -> list[int]:
    lines = [i.line for i in table.indicators] + [n.line for n in table.report if n.line is not None]
    lines += [line for sources in table.provenance.values() for line, _ in sources]
    return lines
