"""The annual tasks of a department table (年度主要任务 | 任务名称 | 主要内容 | 预算金额: 总额 /
财政拨款 / 其他资金): what the department will do this year and the money each task gets.
Many provinces' department tables carry this block between the header and the indicators."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.funds import NO_AMOUNT
from jixiao.grid import Cell, Row
from jixiao.headers import canonical, funds_column
from jixiao.model import Task, TargetTable
from jixiao.texts import clean, one_line

TASKS_BLOCK = frozenset(["年度主要任务", "年度重点任务", "主要任务", "年度履职目标", "年度工作任务"])
TASK_COLUMNS = {
    "任务名称": "name", "年度目标任务": "name", "重点任务": "name", "主要任务": "name",
    "主要内容": "content", "任务内容": "content", "工作内容": "content",
    "部门职能": "duty", "职能": "duty",
    "支出项目名称": "project", "对应项目": "project", "项目名称": "project",
    "预算金额": "total", "总额": "total", "金额": "total", "预算数": "total",
    "财政拨款": "appropriation", "其他资金": "other",
}
TOTAL_ROW = frozenset(["金额合计", "合计", "总计"])  # restates the tasks' sums, checked against them
# The amount columns (总额 | 财政拨款 | 其他资金): each role with its Task field and its name in a message.
SUMMED = {"total": ("amount_wan", "预算金额"), "appropriation": ("appropriation_wan", "财政拨款"),
          "other": ("other_wan", "其他资金")}

Report = Callable[[list[Cell], str], None]
Warn = Callable[[int | None, str, str], None]
Amount = Callable[[str], Decimal | None]


def task_column(text: str) -> str | None:
    key = canonical(text)
    if key.endswith("(万元)"):
        key = key[: -len("(万元)")]
    return TASK_COLUMNS.get(key)


class TasksBlock:
    """Reads the task rows into the table; the 金额合计 row is checked against them."""

    def __init__(self, table: TargetTable, unused: Report, amount: Amount, warn: Warn) -> None:
        self.table = table
        self.unused = unused
        self.warn = warn
        self.amount = amount
        self.cols: dict[int, str] = {}

    def start(self, row: Row) -> None:
        """年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元）: the column header."""
        for cell in row.cells[1:]:
            role = task_column(cell.text)
            if role is not None:
                self.cols[cell.col] = role
            elif funds_column(cell.text) != "form":
                self.unused([cell], "年度任务表头中无法识别的单元格")

    def read(self, row: Row) -> bool:
        """One row of the block; False when the row does not belong to it."""
        roles = {c.col: task_column(c.text) for c in row.cells}
        if all(roles.values()):
            for col, role in roles.items():  # 总额 | 财政拨款 | 其他资金 under 预算金额
                if role in SUMMED or col not in self.cols:
                    self.cols[col] = role
            return True
        by_role = {self.cols[c.col]: c for c in row.cells if c.col in self.cols}
        name = by_role.get("name") or by_role.get("duty")
        if name is None:
            return False
        amounts = {r: self.amount(c.text) for r, c in by_role.items() if r in SUMMED}
        stray = [c for c in row.cells if c.col not in self.cols]
        stray += [by_role[r] for r, v in amounts.items() if v is None and by_role[r].text.strip() not in NO_AMOUNT]
        if canonical(name.text) in TOTAL_ROW:  # any text beside the sums is not a task's
            stray += [c for r, c in by_role.items() if r not in SUMMED and c is not name and c.text.strip()]
            self.unused(stray, "金额合计行中无法识别的单元格")
            self.check_total(amounts, by_role)
            return True
        self.unused(stray, "年度任务行中无法识别的单元格")
        text = {r: (clean(c.text) if r == "content" else one_line(c.text)) for r, c in by_role.items()
                if r in ("name", "content", "duty", "project")}
        self.table.tasks.append(Task(
            name=text.get("name") or text.get("duty") or "", content=text.get("content"), duty=text.get("duty"),
            project=text.get("project"), amount_wan=amounts.get("total"),
            appropriation_wan=amounts.get("appropriation"), other_wan=amounts.get("other"), line=name.line))
        return True

    def check_total(self, stated: dict[str, Decimal | None], cells: dict[str, Cell]) -> None:
        """The 金额合计 row restates the tasks' sums; say so where it does not add up."""
        for role, value in stated.items():
            if value is None:
                continue
            key, label = SUMMED[role]
            total = sum((getattr(t, key) for t in self.table.tasks if getattr(t, key) is not None), Decimal(0))
            if total != value:
                self.warn(cells[role].line, cells[role].text, f"金额合计行的{label} {value} 与各项任务之和 {total} 不符")
