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
_TOTAL_ROW = frozenset(["金额合计", "合计", "总计"])

Report = Callable[[list[Cell], str], None]
Amount = Callable[[str], Decimal | None]


def task_column(text: str) -> str | None:
    key = canonical(text)
    if key.endswith("(万元)"):
        key = key[: -len("(万元)")]
    return TASK_COLUMNS.get(key)


class TasksBlock:
    """Reads the task rows into the table; the 金额合计 row is checked against them."""

    def __init__(self, table: TargetTable, unused: Report, amount: Amount) -> None:
        self.table = table
        self.unused = unused
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
                if role in ("total", "appropriation", "other") or col not in self.cols:
                    self.cols[col] = role
            return True
        by_role = {self.cols[c.col]: c for c in row.cells if c.col in self.cols}
        name = by_role.get("name") or by_role.get("duty")
        if name is None:
            return False
        amounts = {r: self.amount(c.text) for r, c in by_role.items() if r in ("total", "appropriation", "other")}
        if canonical(name.text) in _TOTAL_ROW:
            return True  # restates the sum of the task rows
        stray = [c for c in row.cells if c.col not in self.cols]
        stray += [by_role[r] for r, v in amounts.items() if v is None and by_role[r].text.strip() not in NO_AMOUNT]
        self.unused(stray, "年度任务行中无法识别的单元格")
        text = {r: (clean(c.text) if r == "content" else one_line(c.text)) for r, c in by_role.items()
                if r in ("name", "content", "duty", "project")}
        self.table.tasks.append(Task(
            name=text.get("name") or text.get("duty") or "", content=text.get("content"), duty=text.get("duty"),
            project=text.get("project"), amount_wan=amounts.get("total"),
            appropriation_wan=amounts.get("appropriation"), other_wan=amounts.get("other"), line=name.line))
        return True
