"""Grid → target tables. One interpreter for every file format, driven by the vocabulary
(headers, framework, value grammar), never by where a column happens to sit.

Every non-empty cell is either used or listed in the table's parse report.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from jixiao import indicators as ind
from jixiao.errors import InputError
from jixiao.framework import decide_level1, level1_of, level2_of
from jixiao.funds import FACTORS, FundsBlock, amount_wan
from jixiao.grid import Cell, Grid, Row, mentions
from jixiao.headers import TEXTS, TOTAL_SCORE, WAN, canonical, classify, funds_column, indicator_column
from jixiao.model import Note, TargetTable
from jixiao.regions import BLANK, HEADER_ONLY, blank, header_only, partition, place_outside
from jixiao.tasks import TASKS_BLOCK, TasksBlock
from jixiao.segments import (BARE_YEAR, SUMMARY, YEAR_LINE, join_continued_lists, join_split_labels, split_projects, split_tables,
                             title_of)
from jixiao.texts import clean, join_wrapped, one_line
from jixiao.tree import TreeBuilder
from jixiao.values import normalize, parse_decimal

_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?")
_YEAR_IN_TEXT = re.compile(r"(20\d\d)\s*年")
_BUDGET_YEAR = re.compile(r"(20\d\d)\s*年度?(?:申报|部门|项目)?预算")
_TRAILING_UNIT = re.compile(r"\s+(?:金额)?单位[:：]\s*(万元|元|亿元)$")
_AMOUNT_UNIT = re.compile(r"^(金额)?单位[:：]\s*(万元|元|亿元)$")
_TITLE_AFFIXES = re.compile(r"^(\d{4}\s*年度?)|([一二]级)?(项目)?(支出)?(预算)?绩效(目标)?(申报|自评)?表$")


def interpret(grid: Grid) -> list[TargetTable]:
    """All the target tables of a grid, in order."""
    tables: list[TargetTable] = []
    orphans: list[Note] = []  # lines outside any table go to the nearest table's report
    fragments: list[str] = []  # the header fields of fragments that were no table
    rows_inside, outside = partition(grid)
    segments = join_continued_lists(split_tables(rows_inside))
    for rows in (part for segment, start in segments for part in split_projects(segment, start)):
        builder = TableBuilder(grid.source, rows, grid.exact_columns)
        table = builder.build()
        if table is None:
            orphans.extend(builder.table.report)
            continue
        if orphans:
            table.report[:0] = orphans
            orphans = []
        if blank(table):
            outside += table.outside
            remark = f"（{table.texts['other']}）" if table.texts.get("other") else ""
            outside.append(Note(rows[0].line, f"{table.title or '绩效目标表'}：空白表，没有指标{remark}", BLANK))
            continue
        if header_only(table):
            outside += table.outside
            fragment = _header_fields(table)
            fragments.append(fragment)
            outside.append(Note(rows[0].line, f"{table.title or '表格片段'}：{fragment}", HEADER_ONLY))
            continue
        tables.append(table)
    if not tables:
        found = f"；只有表头：{fragments[0]}" if fragments else ""
        raise InputError(grid.source, f"未找到绩效目标表（没有“一级指标/二级指标/三级指标”表头，也没有指标行{found}）")
    if orphans:
        tables[-1].report.extend(orphans)
    place_outside(tables, outside)
    book = _book_year(tables)
    for table in tables:
        if table.year is None:
            _infer_year(table, book)
    return tables


def _header_fields(table: TargetTable) -> str:
    """The header fields a fragment holds, as written: 项目名称 科技专项、主管部门 市科技局."""
    values = [(label, getattr(table, key)) for key, label in (("project", "项目名称"), ("unit", "单位"),
                                                                ("authority", "主管部门"), ("contact", "联系人"))]
    shown = [f"{label} {value}" for label, value in values if value] + [f"{k} {v}" for k, v in table.fields.items() if v]
    return "、".join(shown) or "无内容"


def _book_year(tables: list[TargetTable]) -> int | None:
    """The year a budget book gives on its other pages (2026年度单位预算表) and in the titles
    of its tables: the one year named most often, if one is."""
    years = Counter(int(y) for t in tables for text in [t.title or "", *(n.text for n in t.outside)]
                    for y in _YEAR_IN_TEXT.findall(text))
    ranked = years.most_common(2)
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _infer_year(table: TargetTable, book: int | None) -> None:
    """A table whose header names no year: the year of the book it is part of, else the year
    its texts budget for (2023年申报预算), else the first year its goals name. Said in a warning."""
    if book is not None:
        table.year = book
        table.warnings.append(Note(table.line_of("title"), str(book), f"表中没有年度，取同一文件其他页所载的{book}年"))
        return
    order = ["annual_goal", "long_term_goal", "overall_goal"] + [k for k in table.texts if k not in
                                                                 ("annual_goal", "long_term_goal", "overall_goal")]
    texts = [(key, table.texts[key]) for key in order if table.texts.get(key)]
    found = next(((key, m) for key, text in texts if (m := _BUDGET_YEAR.search(text))), None) \
        or next(((key, m) for key, text in texts if (m := _YEAR_IN_TEXT.search(text))), None)
    if found is None:
        return
    key, match = found
    table.year = int(match.group(1))
    label = next(name for name, k in TEXTS.items() if k == key)
    table.warnings.append(Note(table.line_of(key, match.group(0)), match.group(0),
                               f"表头未注明年度，按“{label}”中的年份推断为{table.year}年"))


_LABEL_VALUE = re.compile(r"^\s*([^：:\n]{2,24}?)\s*[：:]\s*(.+)$", re.DOTALL)
_LABEL_SPACE_VALUE = re.compile(r"^\s*(\S{2,12})\s+(\S+)\s*$")


_PROJECT_WORDS = ("项目", "专项", "经费", "资金")


def _department_title(title: str) -> bool:
    """部门整体 / 单位整体 tables; a 部门专项业务经费 table is a project's."""
    if "整体" in title:
        return True
    return "部门" in title and not any(word in title for word in _PROJECT_WORDS)


def split_labels(row: Row) -> Row:
    """A field written with its value in one cell (项目名称：物业管理费, as Word paragraphs and
    web pages write them) becomes a label cell and a value cell; the cells after it move right."""
    colon = _has_colon(row.cells)
    if len(row.cells) == 1 and row.page is not None and not colon:
        # 单位名称 重庆市气象局: a PDF line with a label and its value, the colon drawn apart
        match = _LABEL_SPACE_VALUE.match(row.cells[0].text)
        label = classify(match.group(1)) if match else None
        if label is None or label.kind != "field":
            return row
        cell = row.cells[0]
        return Row([Cell(match.group(1), cell.col, cell.line), Cell(match.group(2).strip(), cell.col + 1, cell.line)],
                   row.line, row.page, row.block)
    if not colon:
        return row
    cells: list[Cell] = []
    shift = 0
    for cell in row.cells:
        match = _LABEL_VALUE.match(cell.text)
        label = classify(match.group(1)) if match else None
        if match and label is not None and label.kind in ("field", "text"):
            cells += [Cell(match.group(1), cell.col + shift, cell.line), Cell(match.group(2).strip(), cell.col + shift + 1, cell.line)]
            shift += 1
        else:
            cells.append(Cell(cell.text, cell.col + shift, cell.line))
    return Row(cells, row.line, row.page, row.block) if shift else row


def _has_colon(cells: list[Cell]) -> bool:
    """Either colon in some cell: one loop over the row, asked of most rows."""
    for cell in cells:
        if "：" in cell.text or ":" in cell.text:
            return True
    return False


class TableBuilder:
    """Reads the rows of one table, top to bottom, with a small state machine."""

    def __init__(self, source: str, rows: list[Row], exact_columns: bool = True) -> None:
        self.rows = join_split_labels(rows) if exact_columns else rows
        self.exact_columns = exact_columns
        self.table = TargetTable(source=source)
        self.mode = "head"  # head | funds | tasks | goals | indicators
        self.factor = WAN
        self.title_line: int | None = None
        self.pending: tuple[str, str, Cell] | None = None  # (kind, key, label cell)
        self.pending_lines: list[tuple[int, str]] = []  # (line, text) of a value under its label
        self.pending_col: int | None = None  # a text beside its label continues in this column only
        self.pending_factor: Decimal | None = None
        self.funds = FundsBlock(self.table, self.unused, self.amount)
        self.tasks = TasksBlock(self.table, self.unused, self.amount, self.warn)
        self.goal_cols: list[str] = []
        self.header: ind.Header | None = None
        self.header_cells: list[Cell] = []
        self.one_cell = False
        self.entries: list[ind.Entry] = []  # only ever appended to
        self.level1_seen = 0  # entries current_level1() has looked at
        self.level1_now: str | None = None  # the level-1 they put in force
        self.fragments: list[Cell] = []
        self.duty_fragments: list[Cell] = []
        self.duty_used = False
        self.open_entry: ind.Entry | None = None
        self.saw_indicator_block = False
        self.wrap_entry: ind.Entry | None = None  # the indicator row just read, whose cells may wrap
        self.total_weight: tuple[Cell, Decimal] | None = None  # 总分 row's 分值: the sum of all weights
        self.upper_header: list[Row] = []  # the upper rows of a header over a list of projects
        self.split_field: tuple[int | None, Cell] | None = None  # (page, value) of the 项目名称 row just read

    # ----------------------------------------------------------------- reporting
    def unused(self, cells: list[Cell], reason: str) -> None:
        if cells:  # most calls have nothing to report: the generator is not worth making
            self.table.report.extend(Note(cell.line, cell.text, reason) for cell in cells)

    def warn(self, line: int | None, text: str, reason: str) -> None:
        self.table.warnings.append(Note(line, text, reason))

    # ----------------------------------------------------------------- driving
    def build(self) -> TargetTable | None:
        for row in self.rows:
            if row.cells:
                self.feed(row)
        self.close_pending()
        self.flush_open_entry()
        self.flush_fragments()
        if not self.duty_used:
            self.unused(self.duty_fragments, "履职内容之后没有对应的三级指标")
        # The funds and tasks blocks report through this builder: a reference cycle that would
        # keep every row and entry of the table alive until the cyclic collector found it.
        del self.funds, self.tasks
        if not self.saw_indicator_block and not self.entries and self.holds_nothing():
            return None  # nothing here is a target table; the caller moves its report on
        TreeBuilder(self.table, self.unused, self.warn).build(self.entries, self.header)
        self.finish()
        return self.table

    def untouched(self) -> bool:
        """Nothing read yet but the title (and the year)."""
        return set(self.table.provenance) <= {"title"} and not self.entries and not self.table.report \
            and self.header is None and self.mode == "head" and self.pending is None

    def holds_nothing(self) -> bool:
        """True when no row gave the table anything but report entries."""
        return self.table.filled() <= {"report"}

    def feed(self, row: Row) -> None:
        if self.mode != "indicators" or len(row.cells) == 1:
            row = split_labels(row)
        cells = row.cells
        first = cells[0].text
        wrapped, self.wrap_entry = self.wrap_entry, None
        if wrapped is not None and len(cells) == 1 and self.continue_wrapped(wrapped, cells[0]):
            self.wrap_entry = wrapped
            return
        if self.split_field is not None and self.continue_split_field(row):
            return
        if len(cells) == 1 and self.lone_cell(row):
            return
        if len(cells) == 1 and not first.strip(" :：()（）"):
            return  # a lone colon or empty brackets, left over from a label drawn apart
        if self.collect_header(row):
            return
        if self.mode == "indicators" and self.indicator_row(row):
            return
        if self.mode == "goals" and self.goals_row(row):
            return
        label = classify(first)
        if label is not None and label.kind == "funds":
            self.close_pending()
            self.mode = "funds"
            if label.factor is not None:
                self.factor = label.factor
            self.table.provenance.setdefault("funds", [(row.line, first)])  # the form has a funds block
            self.funds.start(row)
            return
        if self.mode == "funds" and (label is None or label.kind == "field") and self.funds.read(row):
            return
        if canonical(first) in TASKS_BLOCK:
            self.close_pending()
            self.mode = "tasks"
            self.tasks.start(row)
            return
        if self.mode == "tasks" and label is None and self.tasks.read(row):
            return
        if label is not None and label.kind == "goals":
            self.close_pending()
            if len(cells) == 2 and classify(cells[1].text) is None:
                # 年度总体目标 | the goal itself: a target table's text, not a self-evaluation block
                self.assign("text", "annual_goal", cells[0], cells[1].text, None, [(cells[1].line, cells[1].text)])
                return
            self.mode = "goals"
            labels = [(c, classify(c.text)) for c in cells[1:]]
            self.goal_cols = [lab.key for _, lab in labels if lab is not None]
            self.unused([c for c, lab in labels if lab is None], "目标表头中无法识别的单元格")
            return
        if label is None and len(cells) == 1 and level1_of(first) and self.mode != "indicators":
            # A section heading such as 决策指标 before the indicator header (002).
            self.close_pending()
            self.mode = "indicators"
            self.saw_indicator_block = True
            self.add_entry(ind.Entry(line=row.line, level1=cells[0]))
            return
        if self.label_row(row):
            return
        if self.pending is not None and (self.pending_col is None or (len(cells) == 1 and cells[0].col == self.pending_col)):
            self.pending_lines.append((row.line, " ".join(c.text for c in cells)))
            return
        self.unused(cells, "无法识别的行：既不是表头字段、资金行，也不是指标行")

    def lone_cell(self, row: Row) -> bool:
        """A row of one cell that is a title, a year line or an amount-unit line."""
        first = row.cells[0].text
        title = title_of(row)
        if title is not None:
            self.close_pending()
            if self.table.title is None or self.untouched():
                if self.table.title is not None and title != self.table.title:
                    # Two titles with nothing between: the first heads a section of the book.
                    self.table.outside.append(Note(self.title_line, self.table.title, "表名之前的章节标题"))
                self.table.title, self.title_line = title, row.line
                self.table.provenance["title"] = [(row.line, title)]
            elif title != self.table.title:
                self.unused(row.cells, "表中已有表名，这一行是另一个表名")
            return True
        # Each pattern needs a word of its own (年, 20.., 单位): most lone cells skip all three.
        year = (YEAR_LINE.match(first) if "年" in first else None) \
            or (BARE_YEAR.match(first) if first.startswith("20") and self.untouched() else None)
        if year:
            self.table.year = int(year.group(1))
            return True
        bare = normalize(first).replace(" ", "")
        unit_line = _AMOUNT_UNIT.match(bare) if "单位" in bare else None
        if unit_line:
            self.factor = FACTORS[unit_line.group(2)]
            return True
        return False

    # ----------------------------------------------------------------- header fields and texts
    def label_row(self, row: Row) -> bool:
        cells = row.cells
        if classify(cells[0].text) is None:
            return False
        self.close_pending()
        i = 0
        while i < len(cells):
            label = classify(cells[i].text)
            if label is None or label.kind not in ("field", "text"):
                self.unused([cells[i]], "表头行中无法识别的单元格")
                i += 1
                continue
            value = None
            if i + 1 < len(cells) and classify(cells[i + 1].text) is None and funds_column(cells[i + 1].text) != "form":
                value = cells[i + 1]
            if value is None and i + 1 == len(cells):
                self.pending = (label.kind, label.key, cells[i])
                self.pending_lines, self.pending_col = [], None
                if label.factor is not None:
                    self.pending_factor = label.factor
                i += 1
                continue
            if label.kind == "text" and value is not None and i + 2 == len(cells) and self.exact_columns:
                # A text beside its label may go on in the same column on the rows below (merged cell).
                self.pending = (label.kind, label.key, cells[i])
                self.pending_lines, self.pending_col = [(value.line, value.text)], value.col
                break
            self.assign(label.kind, label.key, cells[i], value.text if value else "", label.factor,
                        [(value.line, value.text)] if value else [(cells[i].line, "")])
            if value is not None and label.kind == "field" and label.key == "project":
                self.split_field = (row.page, value)
            i += 2 if value else 1
        return True

    def continue_split_field(self, row: Row) -> bool:
        """The tail of a project name that a page break cut off its row (`…补助资` | `金` at
        the top of the next page, in the same column)."""
        split, self.split_field = self.split_field, None
        if split is None or len(row.cells) != 1 or row.page is None or split[0] is None or row.page <= split[0]:
            return False
        page, value = split
        tail = row.cells[0]
        if tail.col != value.col or len(tail.text) > 6 or classify(tail.text) is not None or ind.is_value_like(tail.text):
            return False
        self.table.project = one_line(value.text + tail.text)
        self.table.provenance["project"] = [(value.line, value.text), (tail.line, tail.text)]
        return True

    def close_pending(self) -> None:
        if self.pending is None:
            return
        kind, key, cell = self.pending
        self.pending = None
        lines = self.pending_lines or [(cell.line, "")]
        if kind == "text":
            text = join_wrapped([t for _, t in self.pending_lines])
            self.assign(kind, key, cell, text, None, lines, cleaned=True)
        else:
            value = self.pending_lines[0][1] if self.pending_lines else ""
            self.assign(kind, key, cell, value, self.pending_factor, lines)
            self.table.report.extend(Note(n, t, "字段值之后多出的内容") for n, t in self.pending_lines[1:])
        self.pending_factor = None

    def assign(self, kind: str, key: str, label: Cell, value: str, factor: Decimal | None, lines: list[tuple[int, str]],
               cleaned: bool = False) -> None:
        t = self.table
        line = lines[0][0]
        if kind == "text":
            text = value if cleaned else clean(value)
            if t.texts.get(key) and text != t.texts[key]:
                self.repeated(label, lines)
                return
            t.texts[key] = text
            t.provenance[key] = lines
            return
        value = one_line(value)
        unit_note = _TRAILING_UNIT.search(value) if "单位" in value else None  # the pattern's own word first
        if unit_note:  # 部门名称：长沙市信访局 单位：万元
            self.factor = FACTORS[unit_note.group(1)]
            value = value[: unit_note.start()]
        if key.startswith("other:"):
            if value:
                t.fields.setdefault(key[6:], value)
            return
        attribute = {"total": "total_amount_wan", "current_year": "current_year_amount_wan"}.get(key, key)
        t.provenance.setdefault(attribute, lines)
        if key in ("total", "current_year"):
            result = self.amount(value, factor)
            if value and result is None:
                self.table.report.append(Note(line, value, f"“{label.text}”应为金额（数字），无法识别"))
                return
        else:
            result = value or None
        if result is None:
            return
        if getattr(t, attribute) is not None and getattr(t, attribute) != result:
            self.repeated(label, lines)
            return
        setattr(t, attribute, result)

    def repeated(self, label: Cell, lines: list[tuple[int, str]]) -> None:
        """A field stated twice with different values: keep the first, report the second."""
        for line, text in lines:
            if text:
                self.table.report.append(Note(line, text, f"“{label.text}”重复出现且与前面不同，保留第一处"))

    def amount(self, text: str, factor: Decimal | None = None) -> Decimal | None:
        """An amount in 万元, in the table's unit unless the label or the cell names one."""
        return amount_wan(text, factor if factor is not None else self.factor)

    # ----------------------------------------------------------------- goals block (self-evaluation)
    def goals_row(self, row: Row) -> bool:
        cells = row.cells
        if classify(cells[0].text) is not None or ind.read_header(cells) is not None:
            return False
        keys = self.goal_cols or ["annual_goal", "achievement"]
        for key, cell in zip(keys, cells):
            self.table.texts[key] = clean(cell.text)
            self.table.provenance[key] = [(cell.line, cell.text)]
        self.unused(cells[len(keys):], "目标行中多出的单元格")
        self.mode = "head"
        return True

    # ----------------------------------------------------------------- indicator block
    def collect_header(self, row: Row) -> bool:
        """An indicator header row, or its cells printed one per line."""
        cells = row.cells
        if len(cells) == 1 and indicator_column(cells[0].text) in ind.STACKABLE:
            if not self.header_cells or self.header_cells[-1].line < row.line:
                self.header_cells.append(cells[0])
                return True
        if self.header_cells:
            stacked = [Cell(c.text, i, c.line) for i, c in enumerate(self.header_cells)]
            self.header_cells = []
            header = ind.read_header(stacked)
            if header is None:
                self.unused(stacked, "不完整的指标表头")
            else:
                self.set_header(header, one_cell=True)
        upper = ind.project_columns(cells) if mentions(cells, "名称") else {}
        if upper and ind.read_header(cells) is None:
            self.upper_header = [row]  # 单位（项目）名称 | 资金总额 | 绩效目标 over the indicator header
            return True
        if not self.upper_header and ind.upper_value_columns(cells):
            self.upper_header = [row]  # 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 over the indicator header
            return True
        if self.upper_header and ind.middle_columns(cells):
            self.upper_header.append(row)  # 资金总额 | 按收入性质分 | 按支出性质分
            return True
        if not mentions(cells, "指标"):
            return False  # every name column (三级指标, 指标名称, 指标内容) says 指标
        if self.upper_header:
            cells = ind.stack_header([r.cells for r in self.upper_header] + [cells])
            self.upper_header = []
        header = ind.read_header(cells)
        if header is None:
            return False
        self.unused([c for c in cells if c.col not in header.role_at], "指标表头中无法识别的单元格")
        self.set_header(header, one_cell=False)
        return True

    def set_header(self, header: ind.Header, one_cell: bool) -> None:
        self.close_pending()
        self.flush_open_entry()
        if self.header is not None and len(header.values) < len(self.header.values) \
                and header.values == self.header.values[: len(header.values)]:
            # A repeated header cut short (003 line 76): the table keeps its target columns.
            missing = self.header.values[len(header.values):]
            last = max(header.role_at)
            for offset, role in enumerate(missing, start=1):
                header.role_at[last + offset] = role
            header.values = header.values + missing
        self.header = header
        self.one_cell = one_cell
        self.mode = "indicators"
        self.saw_indicator_block = True
        if {"actual", "score"} & set(header.values):
            self.table.stage = "self_evaluation"  # only a self-evaluation scores its indicators

    def current_level1(self) -> str | None:
        """The level-1 in force: the one the last entry with a level-1 or level-2 label puts in
        force. Asked for every indicator row: the entries are only appended to, so each is
        looked at once, and the answer kept."""
        entries = self.entries
        if self.level1_seen == len(entries):
            return self.level1_now
        for index in range(self.level1_seen, len(entries)):
            entry = entries[index]
            if entry.level1 is not None and not entry.garbled and level1_of(entry.level1.text):
                if entry.level2 is not None and level2_of(entry.level2.text):
                    self.level1_now = decide_level1(level2_of(entry.level2.text), level1_of(entry.level1.text), None)
                else:
                    self.level1_now = level1_of(entry.level1.text)
            elif entry.level2 is not None and level2_of(entry.level2.text):
                self.level1_now = decide_level1(level2_of(entry.level2.text), None, None)
        self.level1_seen = len(entries)
        return self.level1_now

    def indicator_row(self, row: Row) -> bool:
        cells = row.cells
        first = cells[0].text
        if canonical(first) in TOTAL_SCORE:
            parsed = [(c, parse_decimal(c.text)) for c in cells[1:]]
            numbers = [(c, n) for c, n in parsed if n is not None]
            self.table.total_score = numbers[-1][1] if numbers else None
            self.table.provenance.setdefault("total_score", [(row.line, first)])  # where findings on it point
            if len(numbers) >= 2:
                self.total_weight = numbers[-2]  # checked against the weights in finish()
            self.unused([c for c, _ in numbers[:-2]], "总分行中多出的数字")
            self.unused([c for c, n in parsed if n is None], "总分行中无法识别的单元格")
            return True
        label = classify(first)
        if label is not None and label.kind == "text" and len(cells) == 2 and cells[1].col == cells[0].col + 1 \
                and self.one_cell_note(row):
            return True
        if label is not None:
            if label.key == "grade" or label.kind in ("text", "goals"):
                self.flush_open_entry()  # the indicator block has ended
                self.mode = "head"
            return False
        if self.header is None:
            self.header = ind.Header(role_at={0: "level1", 1: "level2", 2: "name", 3: "full"},
                                     labels=["level1", "level2"], values=["full"])
        if self.header.projects:
            row = self.project_cells(row)
            if not row.cells:
                return True
            cells, first = row.cells, row.cells[0].text
        current = self.current_level1()
        if len(cells) > 1:
            # Most rows of the block: each call below made only when it has something to do.
            if self.open_entry is not None:
                self.flush_open_entry()
            if self.fragments:
                self.flush_fragments()
            entry = ind.read_row(row, self.header, current, self.exact_columns)
            if self.duty_fragments:
                self.attach_duty(entry, current)
            self.add_entry(entry)
            if self.exact_columns and entry.name is not None:
                self.wrap_entry = entry  # its cells may wrap onto the next lines
            return True
        cell = cells[0]
        if self.one_cell:
            return self.one_cell_row(cell, current)
        entry = ind.label_entry(cell, current)
        if entry is not None:
            self.flush_fragments()
            self.add_entry(entry)
            return True
        if self.exact_columns and cell.col == self.header.col("name") and not ind.is_value_like(cell.text):
            # An indicator with its targets left empty.
            self.flush_fragments()
            self.add_entry(ind.Entry(line=cell.line, name=cell))
            self.wrap_entry = self.entries[-1]
            return True
        if current == ind.DUTY:
            if self.duty_used:
                self.duty_fragments, self.duty_used = [], False
            self.duty_fragments.append(cell)
            return True
        self.fragments.append(cell)
        joined = "".join(c.text for c in self.fragments)
        entry = ind.label_entry(Cell(joined, cell.col, self.fragments[0].line), current)
        if entry is not None:
            self.fragments = []
            self.add_entry(entry)
        return True

    def project_cells(self, row: Row) -> Row:
        """Take a project's own cells (name, amount, goal) out of a row of a list of projects;
        the row of the unit itself (its code, name and total) names the unit."""
        cols = {col: role for role, col in self.header.projects.items()}
        money = self.header.money
        own = {cols[c.col]: c for c in row.cells if c.col in cols}
        rest = [c for c in row.cells if c.col not in cols and c.col not in money]
        for cell in (c for c in row.cells if c.col in money):
            self.funds.listed(money[cell.col], cell)
        name = own.get("p_name")
        if any("".join(c.text.split()) in SUMMARY for c in own.values()):
            return Row(rest, row.line, row.page, row.block)  # the list's total: restated by its lines
        keys = {"p_unit": ("field", "unit"), "p_name": ("field", "project"), "p_amount": ("field", "total"),
                "p_goal": ("text", "annual_goal"), "p_code": ("field", "other:项目编码"),
                "p_seq": ("field", "other:序号")}
        if self.header.listed() == "p_unit":
            keys["p_code"] = ("field", "other:单位编码")  # a list of units: each row is a unit's table
        if name is not None and not rest and "p_goal" not in own:
            keys.update(p_name=("field", "unit"), p_code=("field", "other:单位编码"), p_amount=("field", "other:单位资金总额"))
        for role, cell in own.items():
            kind, key = keys[role]
            self.assign(kind, key, cell, cell.text, None, [(cell.line, cell.text)])
        return Row(rest, row.line, row.page, row.block)

    def one_cell_note(self, row: Row) -> bool:
        """备注：… written in one cell inside or under the indicator block: a text complete in
        itself, which does not end the block."""
        label_cell, value = row.cells
        if label_cell.line != value.line or label_cell.col != value.col - 1 or classify(label_cell.text).key != "other":
            return False
        self.assign("text", "other", label_cell, value.text, None, [(value.line, value.text)])
        return True

    def continue_wrapped(self, entry: ind.Entry, cell: Cell) -> bool:
        """A lone cell under a cell of the indicator row above, in the same column, is the
        rest of that cell, wrapped by the PDF's column width (`抽检合` / `格率`). A lone
        name must look like a tail (short, under a long name, not a label or a value):
        a real indicator with no targets must stay one."""
        if level1_of(cell.text) or level2_of(cell.text):
            return False
        if entry.name is not None and cell.col == entry.name.col:
            if len(cell.text) > 4 or len(entry.name.text) < 6 or ind.is_value_like(cell.text):
                return False
            entry.name = Cell(entry.name.text + cell.text, cell.col, entry.name.line)
            return True
        for role, above in entry.values.items():
            if above is not None and above.col == cell.col:
                entry.values[role] = Cell(above.text + cell.text, cell.col, above.line)
                return True
        return False

    def add_entry(self, entry: ind.Entry) -> None:
        entry.header = self.header  # a repeated header may change the columns (003 line 76)
        self.entries.append(entry)

    def attach_duty(self, entry: ind.Entry, current: str | None) -> None:
        if entry.name is None or entry.level2 is not None or not self.duty_fragments:
            return
        written = level1_of(entry.level1.text) if entry.level1 is not None else None
        if (written or current) != ind.DUTY:
            return
        entry.duty = "".join(c.text for c in self.duty_fragments)
        entry.duty_line = self.duty_fragments[0].line
        self.duty_used = True

    def flush_fragments(self) -> None:
        if self.fragments:  # asked before every indicator row; seldom any
            self.unused(self.fragments, "无法识别的单元格（既不是指标名称也不是指标值）")
            self.fragments = []

    def one_cell_row(self, cell: Cell, current: str | None) -> bool:
        """Tables dumped one cell per line: a name, then its targets, one line each."""
        label = ind.label_entry(cell, current)
        open_entry = self.open_entry
        just_labelled = self.entries and self.entries[-1].name is None and self.entries[-1].level2 is not None
        same_as_label = just_labelled and label is not None and label.level2 is not None \
            and level2_of(label.level2.text) == level2_of(self.entries[-1].level2.text)
        if label is not None and not same_as_label:
            self.flush_open_entry()
            self.add_entry(label)
            return True
        roles = self.header.values
        filled = [r for r in roles if open_entry.values.get(r) is not None] if open_entry is not None else []
        if open_entry is None or len(filled) == len(roles):
            self.flush_open_entry()
            self.open_entry = ind.Entry(line=cell.line, name=cell)
            return True
        open_entry.values[roles[len(filled)]] = cell
        if len(filled) + 1 == len(roles):
            self.flush_open_entry()
        return True

    def flush_open_entry(self) -> None:
        if self.open_entry is not None:
            self.add_entry(self.open_entry)
            self.open_entry = None

    # ----------------------------------------------------------------- meaning of the indicator rows
    # ----------------------------------------------------------------- what the whole table says
    def finish(self) -> None:
        t = self.table
        title = t.title or ""
        if "自评" in title or t.grade is not None or t.total_score is not None or t.budget_execution is not None:
            t.stage = "self_evaluation"
        if t.year is None:
            match = _YEAR_IN_TITLE.search(title)
            if match:
                t.year = int(match.group(1))
        self.check_total_weight()
        if _department_title(title) or "duties" in t.texts or any(i.level1 == ind.DUTY for i in t.indicators):
            t.kind = "department"
        if t.kind == "project" and t.project is None and title:
            name = _TITLE_AFFIXES.sub("", title).strip()
            if name:
                t.project = name
                self.warn(self.title_line, name, "表中没有“项目名称”，项目名称取自表名")

    def check_total_weight(self) -> None:
        """The 总分 row's 分值 restates the sum of the weights; say so when it does not add up."""
        if self.total_weight is None:
            return
        cell, stated = self.total_weight
        weights = [i.extra.get("weight") for i in self.table.indicators]
        execution = self.table.budget_execution
        weights.append(execution.weight if execution is not None else None)
        total = sum((w for w in weights if w is not None), Decimal(0))
        if total != stated:
            self.warn(cell.line, cell.text, f"总分行的分值 {stated} 与各项分值之和 {total} 不符")

