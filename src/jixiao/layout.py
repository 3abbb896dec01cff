"""The official layout of a target table, as rows of cells with their spans: the one
arrangement every writer (xlsx, docx, pdf, html) draws and every reader reads back.

It follows the published tables (seed 004, 003): title, year, the header fields in pairs,
the free texts, the funds block (收入 then 支出), a department table's annual tasks
(年度主要任务, a block many provinces' department tables carry), the goals, the
indicator block with each level-1 and level-2 cell merged down over its rows, and a 履职 block
with its own header in a department table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.headers import TEXT_LABELS
from jixiao.indicators import DUTY
from jixiao.model import Indicator, Target, TargetTable, decimal_text

HEADING = ("title", "year")  # the lines above the table proper

# Goals come after the funds block, as in the published tables.
GOALS = ("long_term_goal", "overall_goal", "annual_goal", "achievement", "other")


@dataclass(slots=True)
class Box:
    """One drawn cell: its text, its column, how far it spans, and what it is (for styling)."""

    text: str
    col: int
    colspan: int = 1
    rowspan: int = 1
    role: str = "value"  # title | year | label | value | head | text | number


@dataclass(slots=True)
class Layout:
    rows: list[list[Box]] = field(default_factory=list)
    width: int = 5  # columns
    # Row index → index of the indicator it draws, so a screen can put findings beside it.
    indicator_rows: dict[int, int] = field(default_factory=dict)

    def add(self, *boxes: Box) -> None:
        self.rows.append(list(boxes))

    def heading(self) -> tuple[list[Box], Layout]:
        """The title and year lines above the table, and the table without them (Word and PDF
        print them as paragraphs)."""
        count = next((n for n, row in enumerate(self.rows) if not row or row[0].role not in HEADING), len(self.rows))
        return [row[0] for row in self.rows[:count]], Layout(rows=self.rows[count:], width=self.width)

    def html_rows(self) -> list[list[Box | None]]:
        """Each row as an HTML table lists its cells: in column order, with None for an empty
        place that no merged cell from a row above covers (HTML draws those; it skips the covered)."""
        covered: dict[int, set[int]] = {}  # row → columns taken by rowspans from above
        rows: list[list[Box | None]] = []
        for r, row in enumerate(self.rows):
            taken = covered.pop(r, set())
            cells: list[Box | None] = []
            col = 0
            for box in row:
                cells += [None for c in range(col, box.col) if c not in taken]
                cells.append(box)
                for below in range(r + 1, r + box.rowspan):
                    covered.setdefault(below, set()).update(range(box.col, box.col + box.colspan))
                col = box.col + box.colspan
            cells += [None for c in range(col, self.width) if c not in taken]
            rows.append(cells)
        return rows

    def cuts(self) -> list[int]:
        """The rows after which no merged cell goes on: where a page may break."""
        found, furthest = [], -1
        for r, row in enumerate(self.rows):
            furthest = max([furthest, r] + [r + box.rowspan - 1 for box in row])
            if furthest == r:
                found.append(r)
        return found


def capped(drawn: Layout, tallest: int) -> Layout:
    """The layout for paged output: a merged cell over more than `tallest` rows could not stay
    on one page, so it keeps its text in its first row and merges no further."""
    rows = [[replace(box, rowspan=1) if box.rowspan > tallest else box for box in row] for row in drawn.rows]
    return Layout(rows=rows, width=drawn.width)


def _amount(value: Decimal | None) -> str:
    return decimal_text(value) or ""


def _target(target: Target | None) -> str:
    return target.raw if target is not None else ""


def layout(table: TargetTable) -> Layout:
    """The rows of the official layout for one table."""
    if table.stage == "self_evaluation":
        return _self_evaluation(table)
    duty_columns = any(("key_work" in i.extra or "linked_project" in i.extra) for i in table.indicators)
    single = bool(table.indicators) and all(i.half_year is None for i in table.indicators)
    width = 7 if duty_columns else (4 if single else 5)
    tasks = _task_columns(table)
    wider = max(0, 1 + len(tasks) - width)  # the annual tasks' columns, where they need more
    out = Layout(width=width + wider)
    last = out.width - 1
    _title(table, out)
    _header(table, out, last)
    for key, text in table.texts.items():
        if key not in GOALS:
            out.add(Box(TEXT_LABELS.get(key, key), 0, role="label"), Box(text, 1, last, role="text"))
    _funds(table, out, last)
    _tasks(table, out, tasks)
    for key in GOALS:
        if key in table.texts:
            out.add(Box(TEXT_LABELS[key], 0, role="label"), Box(table.texts[key], 1, last, role="text"))
    _indicators(table, out, single, duty_columns, wider)
    return out


def _title(table: TargetTable, out: Layout) -> None:
    if table.title:
        out.add(Box(table.title, 0, out.width, role="title"))
    inferred = any(w.reason.startswith("表头未注明年度") for w in table.warnings)
    if table.year is not None and not inferred and str(table.year) not in (table.title or ""):
        out.add(Box(f"{table.year}年度", 0, out.width, role="year"))


def _self_evaluation(table: TargetTable) -> Layout:
    """A 绩效自评表: funds with 年初预算数 … 得分, the goals block (预期目标 / 实际完成情况),
    indicators with 实际完成值, 分值, 得分 and 偏差原因, then 总分 and 自评等级."""
    out = Layout(width=8)
    _title(table, out)
    _header(table, out, 7, with_total=False)
    for key, text in table.texts.items():
        if key not in ("annual_goal", "achievement"):
            out.add(Box(TEXT_LABELS.get(key, key), 0, role="label"), Box(text, 1, 7, role="text"))
    execution = table.budget_execution
    if execution is not None or table.funding:
        start = len(out.rows)
        out.add(Box("项目资金（万元）", 0, role="label"),
                *[Box(text, col, role="head") for col, text in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 2)])
        if execution is not None:
            rate = f"{decimal_text(execution.rate)}%" if execution.rate is not None else ""
            out.add(Box("年度资金总额", 1), *[Box(_amount(v), col, role="number") for col, v in enumerate(
                (execution.initial_wan, execution.adjusted_wan, execution.executed_wan, execution.weight), 2)],
                Box(rate, 6, role="number"), Box(_amount(execution.score), 7, role="number"))
        for source in table.funding:
            numbers = source.execution or {}
            out.add(Box(source.name, 1), *[Box(_amount(v), col, role="number") for col, v in enumerate(
                (numbers.get("initial_wan"), source.amount_wan, numbers.get("executed_wan")), 2)])
        out.rows[start][0].rowspan = len(out.rows) - start
    if "annual_goal" in table.texts or "achievement" in table.texts:
        out.add(Box("年度总体目标", 0, role="label"), Box("预期目标", 1, 3, role="head"), Box("实际完成情况", 4, 4, role="head"))
        out.add(Box(table.texts.get("annual_goal", ""), 1, 3, role="text"), Box(table.texts.get("achievement", ""), 4, 4, role="text"))
    head = tuple(Box(text, col, role="head") for col, text in enumerate(
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")))
    _blocks(table, out, lambda level1: head, lambda i, _: [] if i is None else [
        Box(i.name, 2), Box(_target(i.full_year), 3), Box(str(i.extra.get("actual") or ""), 4),
        Box(_amount(i.extra.get("weight")), 5, role="number"), Box(_amount(i.extra.get("score")), 6, role="number"),
        Box(i.extra.get("reason") or "", 7)])
    if table.total_score is not None:
        weights = [i.extra.get("weight") for i in table.indicators] + [execution.weight if execution else None]
        total = sum((w for w in weights if w is not None), Decimal(0))
        out.add(Box("总分", 0, role="label"), Box(_amount(total), 5, role="number"), Box(_amount(table.total_score), 6, role="number"))
    if table.grade:
        out.add(Box("自评等级", 0, role="label"), Box(table.grade, 1, 7))
    return out


def _blocks(table: TargetTable, out: Layout, head: Callable[[str | None], tuple[Box, ...]],
            cells: Callable[[Indicator | None, tuple[Box, ...]], list[Box]]) -> None:
    """Indicator rows under merged level-1 and level-2 cells, each empty level-2 in its place,
    a header row wherever the columns change (the 履职 block has its own)."""
    events = [(i.line, n, i) for n, i in enumerate(table.indicators)]
    events += [(c.line, -1, (c.level1, c.level2)) for c in table.empty_categories]
    shown: tuple[Box, ...] | None = None
    level1_box = level2_box = None
    current: tuple = ()
    for _, n, item in sorted(events, key=lambda e: (e[0], e[1])):
        level1, level2 = (item.level1, item.level2) if isinstance(item, Indicator) else item
        if head(level1) is not shown:
            shown = head(level1)
            out.add(*[replace(box) for box in shown])
            level1_box = level2_box = None
        row: list[Box] = []
        if level1_box is None or current[:1] != (level1,):
            level1_box = Box(level1 or "", 0, role="label")
            row.append(level1_box)
            level2_box = None
        else:
            level1_box.rowspan += 1
        if level2_box is None or current != (level1, level2):
            level2_box = Box(level2 or "", 1, role="label")
            row.append(level2_box)
        else:
            level2_box.rowspan += 1
        current = (level1, level2)
        if isinstance(item, Indicator):
            out.indicator_rows[len(out.rows)] = n
        out.add(*row, *cells(item if isinstance(item, Indicator) else None, shown))


def _header(table: TargetTable, out: Layout, last: int, with_total: bool = True) -> None:
    unit_label = "单位名称" if table.kind == "department" else "实施单位"
    pairs = [("项目名称", table.project), ("主管部门", table.authority), ("项目类型", table.project_type),
             ("项目级次", table.project_level), ("开始时间", table.start), ("完成时间", table.end),
             (unit_label, table.unit), ("项目负责人/联系电话", table.contact if "contact" in table.provenance else None)]
    if with_total and not table.funding and not table.expenditures and table.total_amount_wan is not None:
        pairs.append(("项目总金额（万元）", _amount(table.total_amount_wan)))
    if table.current_year_amount_wan is not None:
        pairs.append(("本年度项目金额（万元）", _amount(table.current_year_amount_wan)))
    present = [(label, value) for label, value in pairs
               if value is not None or (label.startswith("项目负责人") and "contact" in table.provenance)]
    for index in range(0, len(present), 2):
        row = [Box(present[index][0], 0, role="label"), Box(present[index][1] or "", 1, max(last - 2, 1))]
        if index + 1 < len(present):
            label, value = present[index + 1]
            row += [Box(label, last - 1, role="label"), Box(value or "", last)]
        else:
            row[1].colspan = last
        out.add(*row)


def _funds(table: TargetTable, out: Layout, last: int) -> None:
    if not table.funding and not table.expenditures:
        return
    label = "部门整体资金（万元）" if table.kind == "department" else "项目资金（万元）"
    start = len(out.rows)
    out.add(Box(label, 0, role="label"), Box("收入", 1, last - 1, role="head"), Box("全年（程）预算数", last, role="head"))
    out.add(Box("资金总额", 1, last - 1), Box(_amount(table.total_amount_wan), last, role="number"))
    for source in table.funding:
        if source.parent is None:
            children = any(f.parent == source.name for f in table.funding)
            row = [Box(source.name, 1, 1 if children else last - 1)]
            if children:
                row.append(Box("小计", 2, last - 2))
            out.add(*row, Box(_amount(source.amount_wan), last, role="number"))
        else:
            out.add(Box(source.name, 2, last - 2), Box(_amount(source.amount_wan), last, role="number"))
    out.add(Box("支出", 1, last - 2, role="head"), Box("半年（程）计划执行数", last - 1, role="head"),
            Box("全年（程）预算数", last, role="head"))
    for line in table.expenditures:
        out.add(Box(line.name, 1, last - 2), Box(_amount(line.half_year_wan), last - 1, role="number"),
                Box(_amount(line.annual_wan), last, role="number"))
    out.rows[start][0].rowspan = len(out.rows) - start


# The annual tasks' columns (年度主要任务), in the order the published tables print them: each
# field with its heading (as jixiao.tasks reads it back), 部门职能 and 支出项目 only where a task has one.
TASK_HEADINGS = (("name", "任务名称"), ("duty", "部门职能"), ("project", "支出项目名称"), ("content", "主要内容"),
                ("amount_wan", "预算金额（万元）"), ("appropriation_wan", "财政拨款"), ("other_wan", "其他资金"))


def _task_columns(table: TargetTable) -> list[tuple[str, str]]:
    if not table.tasks:
        return []
    return [(key, heading) for key, heading in TASK_HEADINGS
            if key not in ("duty", "project") or any(getattr(t, key) for t in table.tasks)]


def _tasks(table: TargetTable, out: Layout, columns: list[tuple[str, str]]) -> None:
    """年度主要任务 over its tasks, one row each; 主要内容 takes the columns the table has to spare."""
    if not columns:
        return
    spare = out.width - 1 - len(columns)
    places, col = {}, 1
    for key, _ in columns:
        places[key] = (col, 1 + spare if key == "content" else 1)
        col += places[key][1]
    out.add(Box("年度主要任务", 0, rowspan=1 + len(table.tasks), role="label"),
            *[Box(heading, *places[key], role="head") for key, heading in columns])
    for task in table.tasks:
        out.add(*[_task_cell(getattr(task, key), key.endswith("_wan"), *places[key]) for key, _ in columns])


def _task_cell(value: str | Decimal | None, amount: bool, col: int, colspan: int) -> Box:
    if amount:
        return Box(_amount(value), col, colspan, role="number")
    return Box(value or "", col, colspan)


def _indicators(table: TargetTable, out: Layout, single: bool, duty_columns: bool, wider: int = 0) -> None:
    values = ["指标值"] if single else ["半年（程）指标值", "全年（程）指标值"]
    # In a table with 重点工作/对应项目 columns, other rows stretch 三级指标 over them so that
    # the target columns stay in line; so they do over the columns a wider block above added.
    stretch = (3 if duty_columns else 1) + wider
    plain = tuple(Box(text, col if col < 3 else col + stretch - 1, colspan=stretch if col == 2 else 1, role="head")
                  for col, text in enumerate(["一级指标", "二级指标", "三级指标"] + values))
    duty = tuple(Box(text, col, role="head") for col, text in enumerate(["一级指标", "二级指标", "重点工作", "对应项目", "三级指标"] + values))

    def head(level1: str | None) -> tuple[Box, ...]:
        return duty if duty_columns and level1 == DUTY else plain

    def cells(item: Indicator | None, shown: tuple[Box, ...]) -> list[Box]:
        width = 1 if shown is duty else stretch
        name_col = 4 if shown is duty else 2
        if item is None:  # an empty level-2 keeps the row's shape
            return [Box("", name_col, colspan=width)] if width > 1 else []
        row = [Box(item.extra.get("key_work") or "", 2), Box(item.extra.get("linked_project") or "", 3)] if shown is duty else []
        row.append(Box(item.name, name_col, colspan=width))
        targets = [item.full_year] if single else [item.half_year, item.full_year]
        return row + [Box(_target(t), name_col + width + k) for k, t in enumerate(targets)]

    _blocks(table, out, head, cells)
