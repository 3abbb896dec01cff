"""The funds block of a table (项目资金 / 部门整体资金): the income lines and the total, the
expenditure lines, and in a self-evaluation table the budget execution row. Amounts are
read into 万元 whatever unit the table uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao import indicators as ind
from jixiao.grid import Cell, Row
from jixiao.headers import FUNDING, FUNDING_TOTALS, WAN, YI, YUAN, canonical, funding_name, funds_column
from jixiao.model import BudgetExecution, Expenditure, FundingSource, TargetTable
from jixiao.texts import one_line
from jixiao.values import normalize, parse_decimal

FACTORS = {"万元": WAN, "元": YUAN, "亿元": YI}
_AMOUNT_SUFFIX = re.compile(r"(万元|亿元|元)$")

Report = Callable[[list[Cell], str], None]
Amount = Callable[[str], Decimal | None]


NO_AMOUNT = frozenset(["-", "—", "–", "－", "/", "--", "——"])
EXPENSE_LINES = frozenset(["基本支出", "项目支出"])  # spending by its nature, beside the income lines


def amount_wan(text: str, factor: Decimal) -> Decimal | None:
    """An amount in 万元: a cell such as 86.69, 150万元 or 105715.32 (in a 元 table)."""
    text = normalize(text).replace(" ", "")
    unit = _AMOUNT_SUFFIX.search(text)
    if unit:
        factor, text = FACTORS[unit.group(1)], text[: unit.start()]
    number = parse_decimal(text)
    if number is None:
        return None
    if factor == WAN:
        return number
    value = (number * factor).normalize()
    # normalize() writes 100000 元 as 1E+1 万元; a review message must say 10.
    return value if value.as_tuple().exponent <= 0 else value.quantize(Decimal(1))


class _Columns:
    """Funds-block columns in the shape the indicator value assignment expects."""

    def __init__(self, cols: dict[int, str]) -> None:
        self.cols = cols

    def col(self, role: str) -> int | None:
        return next((c for c, r in self.cols.items() if r == role), None)


class FundsBlock:
    """Reads the rows of a funds block into the table; unknown cells go to the report."""

    def __init__(self, table: TargetTable, unused: Report, amount: Amount) -> None:
        self.table = table
        self.unused = unused
        self.amount = amount
        self.spending = False  # past the 支出 header: rows are expenditure lines
        self.income_cols: dict[int, str] = {}
        self.expense_cols: dict[int, str] = {}

    def start(self, row: Row) -> None:
        """The block's first row: its label and the column headers beside it, or its first
        income line (项目资金 | 年度资金总额： | 2,134.87)."""
        rest = [c for c in row.cells[1:] if funds_column(c.text) != "form"]
        if rest and funding_name(rest[0].text) is not None:
            self.read(Row(rest, row.line))
            return
        cols = {c.col: funds_column(c.text) for c in rest}
        self.unused([c for c in rest if cols[c.col] is None], "资金表头中无法识别的单元格")
        self.spending = "half" in cols.values()
        if self.spending:
            self.table.provenance.setdefault("expenditures", [(row.line, row.cells[0].text)])
            self.expense_cols = {c: r for c, r in cols.items() if r in ("half", "annual")}
            self.note_annual_column(rest)
        else:
            self.income_cols = {c: r for c, r in cols.items() if r and r not in ("income", "expense")}

    def note_annual_column(self, header: list[Cell]) -> None:
        """Where the 支出 header has a 全年 column: a line without an annual amount is then a
        blank the department left, not a column the form (or its extraction) lacks."""
        annual = next((c for c in header if self.expense_cols.get(c.col) == "annual"), None)
        if annual is not None:
            self.table.provenance.setdefault("expenditure_annual", [(annual.line, annual.text)])

    def read(self, row: Row) -> bool:
        """One row of the block; False when the row does not belong to it."""
        cells: list[Cell] = []
        roles: dict[int, str | None] = {}
        for cell in row.cells:  # each cell's column word looked up once
            role = funds_column(cell.text)
            if role != "form":
                cells.append(cell)
                roles[cell.col] = role
        if not cells:
            return True
        if "half" in roles.values() or (cells[0].text == "支出" and len(cells) == 1):
            self.spending = True
            self.table.provenance.setdefault("expenditures", [(row.line, cells[0].text)])  # the form has a 支出 part
            self.expense_cols = {c: r for c, r in roles.items() if r in ("half", "annual")}
            self.unused([c for c in cells if roles[c.col] is None], "支出表头中无法识别的单元格")
            self.note_annual_column(cells)
            return True
        if all(roles.values()):
            return True  # a repeated column header (收入 / 全年预算数)
        body = [c for c in cells if roles.get(c.col) not in ("income", "expense")]
        if not body:
            return True
        first = body[0]
        after = [c for c in cells if c.col > first.col]
        name = funding_name(first.text)
        if self.spending:
            if parse_decimal(first.text) is not None:
                return False
            self.expense(first, after)
            return True
        if name is not None:
            self.income(name, first, after)
            return True
        if parse_decimal(first.text) is None and any(self.amount(c.text) is not None for c in after):
            # An income line outside the vocabulary, with an amount: keep it rather than lose it.
            self.income(one_line(first.text), first, after)
            return True
        return False

    def income(self, name: str, name_cell: Cell, after: list[Cell]) -> None:
        after = [c for c in after if canonical(c.text) != "小计"]
        roles = [r for _, r in sorted(self.income_cols.items())]
        if len(roles) > 1:
            self.execution_row(name, name_cell, after, roles)
            return
        amount_cell = after[0] if after else None
        self.unused(after[1:], "资金行中多出的单元格")
        if amount_cell is not None and amount_cell.text.strip() in NO_AMOUNT:
            amount_cell = None  # a dash: no amount
        amount = self.amount(amount_cell.text) if amount_cell else None
        if amount_cell is not None and amount is None:
            self.unused([amount_cell], "资金金额应为数字")
        if name in FUNDING_TOTALS:
            self.set_total(amount, amount_cell)
            return
        self.table.funding.append(FundingSource(name, amount, self.parent_of(name), line=name_cell.line))

    def listed(self, name: str, cell: Cell) -> None:
        """An amount in a column of a list of units or projects named by its funding source or
        expenditure line (一般公共预算 | 基本支出). The list repeats the unit's row on each page:
        a line already read is not read twice, and a different figure is reported."""
        text = cell.text.strip()
        amount = None if text in NO_AMOUNT else self.amount(text)
        if amount is None and text not in NO_AMOUNT:
            self.unused([cell], "资金金额应为数字")
            return
        lines = self.table.expenditures if name in EXPENSE_LINES else self.table.funding
        known = next((line for line in lines if line.name == name), None)
        if known is not None:
            if (known.annual_wan if name in EXPENSE_LINES else known.amount_wan) != amount:
                self.unused([cell], f"与前面同一行的“{name}”金额不同，保留前者")
            return
        if name in EXPENSE_LINES:
            self.table.expenditures.append(Expenditure(name, None, amount, line=cell.line))
            return
        self.table.funding.append(FundingSource(name, amount, self.parent_of(name), line=cell.line))

    def parent_of(self, name: str) -> str | None:
        """The source a line is part of (一般公共预算 of 财政拨款), when the table lists that source."""
        parent = FUNDING.get(name)
        return parent if parent and any(f.name == parent for f in self.table.funding) else None

    def execution_row(self, name: str, name_cell: Cell, after: list[Cell], roles: list[str]) -> None:
        """A self-evaluation funds row: 年初预算数, 全年预算数, 全年执行数 (and for the total 分值, 执行率, 得分)."""
        mapped, extra = ind.assign_values(after, roles, _Columns(self.income_cols), name_cell.col)
        self.unused(extra, "资金行中多出的单元格")
        numbers: dict[str, Decimal | None] = {}
        for role, cell in mapped.items():
            if cell is None:
                continue
            if role in ("initial", "annual", "executed"):
                numbers[role] = self.amount(cell.text)
            else:  # 分值, 得分, 执行率 (the rate with or without its %)
                numbers[role] = parse_decimal(cell.text.rstrip("%％") if role == "rate" else cell.text)
            if numbers[role] is None:
                self.unused([cell], "资金行的这一格应为数字")
        annual, initial, executed = numbers.get("annual"), numbers.get("initial"), numbers.get("executed")
        if name in FUNDING_TOTALS:
            self.set_total(annual, mapped.get("annual"))
            self.table.budget_execution = BudgetExecution(
                initial_wan=initial, adjusted_wan=annual, executed_wan=executed,
                weight=numbers.get("weight"), rate=numbers.get("rate"), score=numbers.get("score"),
            )
            return
        execution = {"initial_wan": initial, "executed_wan": executed}
        self.table.funding.append(FundingSource(name, annual, None, execution, line=name_cell.line))
        scored = [c for r, c in mapped.items()
                  if c is not None and numbers.get(r) is not None and r not in ("annual", "initial", "executed")]
        self.unused(scored, "资金来源行只有预算数和执行数，多出的分值/执行率/得分未使用")

    def set_total(self, amount: Decimal | None, cell: Cell | None) -> None:
        """资金总额 may restate the header's 项目总金额; a different figure is reported, not kept."""
        known = self.table.total_amount_wan
        if cell is not None:
            self.table.provenance.setdefault("total_amount_wan", [(cell.line, cell.text)])
        if known is None:
            self.table.total_amount_wan = amount
        elif amount is not None and amount != known and cell is not None:
            self.unused([cell], f"资金总额与前面的项目总金额 {known} 万元不同，保留前者")

    def expense(self, name_cell: Cell, after: list[Cell]) -> None:
        cols = self.expense_cols
        half = annual = None
        if len(after) >= 2:
            half, annual = after[0], after[1]
            self.unused(after[2:], "支出行中多出的单元格")
        elif after:
            cell = after[0]
            if cell.col in cols:
                half, annual = (cell, None) if cols[cell.col] == "half" else (None, cell)
            else:
                # Off the header's columns: a value right after the name is the half-year plan,
                # one further right (empty cells between) is the annual budget.
                half, annual = (None, cell) if cell.col - name_cell.col > 1 else (cell, None)
        values = []
        for cell in (half, annual):
            amount = self.amount(cell.text) if cell else None
            if cell is not None and amount is None:
                self.unused([cell], "支出金额应为数字")
            values.append(amount)
        self.table.expenditures.append(Expenditure(one_line(name_cell.text), values[0], values[1], line=name_cell.line))
