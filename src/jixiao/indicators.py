"""The indicator block: which cell of a row is the level-1, the level-2, the name and each
target, and where each indicator belongs in the framework.

Rows are first read by the header's column positions; a row whose cells do not fit there
(PDF extraction shifts cells left and right) is read by vocabulary instead: a level-1 label,
then a level-2 label, then the name, then the targets in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.framework import level1_of, level2_of, parents_of
from jixiao.grid import Cell, Row
from jixiao.headers import funding_name, indicator_column
from jixiao.values import SCHEDULE_TOKENS, is_grade, normalize

LABEL_ROLES = ("level1", "level2", "key_work", "linked_project")
TARGET_ROLES = ("half", "full", "long_term")
# A target split over cells (comparator | number | unit), and what a table says of each indicator.
PART_ROLES = ("comparator", "unit", "attribute", "attribute2")
ABOUT_ROLES = ("standard", "explanation", "scoring", "core", "remark")
VALUE_ROLES = TARGET_ROLES + PART_ROLES + ABOUT_ROLES + ("actual", "weight", "score", "reason")
# Roles a header printed one cell per line may hold (a lone 说明 or 单位 line is no header).
STACKABLE = frozenset(("level1", "level2", "name", "half", "full", "actual", "weight", "score", "reason",
                       "key_work", "linked_project"))
DUTY = "履职"


PROJECT_ROLES = ("p_name", "p_unit", "p_code", "p_amount", "p_goal", "p_seq")
# A list's amount columns named by a funding source or an expenditure line (一般公共预算 |
# 基本支出 | 项目支出), and the words over a group of them (按收入性质分).
MONEY = "p_money"
GROUP = "p_group"
LIST_ROLES = PROJECT_ROLES + (MONEY, GROUP)


@dataclass(slots=True)
class Header:
    """The indicator columns a header row declares."""

    role_at: dict[int, str]
    labels: list[str]  # label roles in column order (level1, level2, key_work ...)
    values: list[str]  # value roles in column order (half, full | full, actual, weight ...)
    # A list of projects (项目名称 | 资金总额 | 绩效目标 | 一级指标 …): the columns of each
    # project's own cells, role → column.
    projects: dict[str, int] = field(default_factory=dict)
    money: dict[int, str] = field(default_factory=dict)  # column → funding source or expenditure line

    def listed(self) -> str | None:
        """The role of the column that names each project or unit of a list."""
        return "p_name" if "p_name" in self.projects else "p_unit" if "p_unit" in self.projects else None

    def col(self, role: str) -> int | None:
        for col, r in self.role_at.items():
            if r == role:
                return col
        return None


def names_column(cells: list[Cell]) -> bool:
    """A cell is the header word of a name column (三级指标, 指标名称): what every header has."""
    for cell in cells:
        if cell.text and indicator_column(cell.text) == "name":
            return True
    return False


def read_header(cells: list[Cell]) -> Header | None:
    """A header row has a name column (三级指标, 指标名称) and a level or a target column."""
    if not names_column(cells):
        return None  # most rows asked: the first test below, made before building anything
    role_at: dict[int, str] = {}
    money: dict[int, str] = {}
    for cell in cells:
        role = indicator_column(cell.text) if cell.text else None
        if role is None and cell.text and funding_name(cell.text) is not None:
            role, money[cell.col] = MONEY, funding_name(cell.text)
        if role == "explanation" and role in role_at.values():
            role = "remark"  # 指标值内容 … 备注: the second is a remark
        if role == "attribute" and role in role_at.values():
            role = "attribute2"  # 指标性质 … 指标方向: both read cell by cell
        if role and (role not in role_at.values() or role in ("block", MONEY, GROUP)):
            role_at[cell.col] = role
    roles = set(role_at.values())
    if "name" not in roles or not roles & {"level1", "level2", "half", "full", "long_term", "actual"}:
        return None
    projects = {r: c for c, r in role_at.items() if r in PROJECT_ROLES}
    if not _names_a_list(projects):
        projects = {}
        for col in [c for c, r in role_at.items() if r in LIST_ROLES]:
            del role_at[col]  # 单位名称 alone is no list of projects: the cell stays unread
    ordered = [role_at[c] for c in sorted(role_at)]
    return Header(
        role_at=role_at,
        labels=[r for r in ordered if r in LABEL_ROLES],
        values=[r for r in ordered if r in VALUE_ROLES],
        projects=projects,
        money={c: name for c, name in money.items() if c in role_at},
    )


def _names_a_list(projects: dict[str, int]) -> bool:
    """A list of projects names each one (项目名称); a list of units names each unit (单位名称)
    beside its code, amount or goal."""
    return "p_name" in projects or "p_unit" in projects and len(projects) >= 2


def project_columns(cells: list[Cell]) -> dict[int, str]:
    """The upper row of a two-row header over a list of projects (单位编码 | 单位（项目）名称 |
    资金总额 | 绩效目标 | 绩效指标): its project columns, or nothing."""
    roles = {c.col: indicator_column(c.text) or (MONEY if funding_name(c.text) else None) for c in cells}
    found = {r: col for col, r in roles.items() if r in PROJECT_ROLES}
    if not _names_a_list(found) or len(found) < 2 or any(r is None for r in roles.values()):
        return {}
    return {col: r for col, r in roles.items() if r is not None}


def stack_header(rows: list[list[Cell]]) -> list[Cell]:
    """The cells of a header drawn over several rows, one per column: the lowest row's word,
    which names the column where an upper one names a group of columns."""
    by_col: dict[int, Cell] = {}
    for cells in rows:
        for cell in cells:
            by_col[cell.col] = cell
    return [by_col[c] for c in sorted(by_col)]


# Words over a group of columns in the upper row of a two-row header (绩效指标 over 一级 / 二级 / 三级指标).
_GROUP_WORDS = frozenset(["绩效指标", "年度绩效指标", "指标", "绩效指标完成情况", "年度绩效指标完成情况"])


def upper_value_columns(cells: list[Cell]) -> bool:
    """The upper row of a two-row indicator header whose lower row names the level and
    target-part columns: 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 over 一级指标 | 二级指标 |
    三级指标 | 指标性质 | 指标值 | 度量单位 (a Yunnan self-evaluation table). Every cell is a
    column or group word, none names the indicators, and some name the scoring columns."""
    roles = []
    for cell in cells:
        role = indicator_column(cell.text)
        if role is None and "".join(cell.text.split()) not in _GROUP_WORDS:
            return False
        roles.append(role)
    return "name" not in roles and bool(set(roles) & {"actual", "score", "weight"})


def middle_columns(cells: list[Cell]) -> bool:
    """A row between the upper row of a list's header and its indicator header: amount
    columns and the words over them (资金总额 | 按收入性质分 | 按支出性质分)."""
    return bool(cells) and all(indicator_column(c.text) in LIST_ROLES or funding_name(c.text) for c in cells)


_QUANTITY_LIKE = re.compile(r"^(?:[≥≤=><≧≦]|>=|<=)?\s*[\d.,]+\s*%?$|^(?:[≥≤=><≧≦]|>=|<=)\s*\d")


@lru_cache(maxsize=8192)
def is_value_like(text: str) -> bool:
    """A cell that reads as a target (合理, 序时进度, ≥5家, 100%), never as an indicator name."""
    bare = normalize(text)
    if _QUANTITY_LIKE.match(bare):
        return True
    bare = bare.lstrip("=")
    return bare in SCHEDULE_TOKENS or is_grade(bare)


@dataclass(slots=True)
class Entry:
    """One row of the indicator block, its cells given roles but not yet a meaning."""

    line: int
    level1: Cell | None = None
    garbled: bool = False
    printed: bool = False  # a level-1 outside the framework, kept as printed
    level2: Cell | None = None
    duty: str | None = None  # a duty assembled from one-cell lines (001)
    duty_line: int | None = None
    labels: dict[str, Cell | None] = field(default_factory=dict)
    name: Cell | None = None
    values: dict[str, Cell | None] = field(default_factory=dict)
    unused: list[Cell] = field(default_factory=list)
    header: Header | None = None  # the header in force when the row was read


def assign_values(after: list[Cell], roles: list[str], header: Header, name_col: int | None,
                  exact: bool = True) -> tuple[dict, list[Cell]]:
    """Give the cells after the name their value roles; returns (roles → cell, extra cells).

    Too few cells: their columns decide; where columns mean nothing (`exact` False), a lone
    target of a half-year/full-year pair is the full-year one, which tables always fill."""
    k = len(roles)
    if len(after) >= k:
        return dict(zip(roles, after)), after[k:]
    if not exact:
        if roles[:2] == ["half", "full"]:
            roles = roles[1:]
        return dict(zip(roles, after)), []
    cols = {header.col(r): r for r in roles}
    if all(c.col in cols for c in after):
        return {cols[c.col]: c for c in after}, []
    if name_col is not None and all(0 <= c.col - name_col - 1 < k for c in after):
        return {roles[c.col - name_col - 1]: c for c in after}, []
    return dict(zip(roles, after)), []


def is_block_label(cell: Cell) -> bool:
    """A cell that only repeats the label of the whole block (绩效指标 printed down the left)."""
    return indicator_column(cell.text) == "block"


def _positional(row: Row, header: Header, duty_ctx: bool) -> Entry | None:
    by_role: dict[str, Cell] = {}
    for cell in row.cells:
        role = header.role_at.get(cell.col)
        if role in (None, "block", "level1") and indicator_column(cell.text) == "block":  # is_block_label(cell)
            continue
        if role is None or role in by_role or role == "block":
            return None
        by_role[role] = cell
    l1, l2, name = by_role.get("level1"), by_role.get("level2"), by_role.get("name")
    garbled = printed = False
    written = level1_of(l1.text) if l1 is not None else None  # asked once, used twice
    if l1 is not None and not written:
        name = by_role.get("name")
        if l2 is not None and not level2_of(l2.text) and name is not None and not is_value_like(l1.text) \
                and not is_value_like(name.text) and not by_role.keys().isdisjoint(TARGET_ROLES):
            printed = True  # a whole row of labels outside the framework (一般性支出情况): kept as printed
        elif l2 is None or not level2_of(l2.text) or is_value_like(l1.text):
            return None
        else:
            garbled = True
    duty = duty_ctx or (l1 is not None and written == DUTY)
    has_values = not by_role.keys().isdisjoint(header.values)
    if l2 is not None and not duty and not level2_of(l2.text) \
            and (name is None or not has_values or is_value_like(l2.text) or level1_of(l2.text)):
        return None  # an unknown level-2 label is kept only on a full row: name and values in their columns
    if name is None and (has_values or not by_role.keys().isdisjoint(("key_work", "linked_project"))):
        return None
    if name is not None:
        if is_value_like(name.text) or level1_of(name.text):
            return None
        if level2_of(name.text) and l2 is None:
            return None
    values: dict[str, Cell | None] = {}  # filled in the same pass that checks them
    for role in header.values:
        cell = values[role] = by_role.get(role)
        if cell is not None and (level2_of(cell.text) or level1_of(cell.text)):
            return None
    labels: dict[str, Cell | None] = {}  # a plain loop: most headers have no such column
    for role in header.labels:
        if role in ("key_work", "linked_project"):
            labels[role] = by_role.get(role)
    return Entry(line=(name or l2 or l1 or row.cells[0]).line, level1=l1, garbled=garbled, level2=l2, name=name,
                 printed=printed, labels=labels, values=values)


def _sequential(row: Row, header: Header, current_level1: str | None, exact: bool) -> Entry:
    cells = row.cells
    while len(cells) > 1 and is_block_label(cells[0]):
        cells = cells[1:]
    n = len(cells)
    i = 0
    entry = Entry(line=cells[0].line)
    first = cells[0]
    as_l1 = level1_of(first.text)
    as_l2 = level2_of(first.text)
    next_is_l2 = n > 1 and level2_of(cells[1].text) is not None
    if as_l1 and (not as_l2 or next_is_l2 or not _fits(as_l2, current_level1)):
        entry.level1, i = first, 1
    elif not as_l2 and next_is_l2 and n >= 3 and not is_value_like(first.text) and first.col == (header.col("level1") or 0):
        entry.level1, entry.garbled, i = first, True, 1
    written = level1_of(entry.level1.text) if entry.level1 is not None and not entry.garbled else None
    rest = cells[i:]
    k = len(header.values)
    if (written or current_level1) == DUTY and not (rest and level2_of(rest[0].text)):
        label_roles = [r for r in header.labels if r != "level1"] or ["level2"]
        take = min(len(label_roles), len(rest) - 1 - k) if len(rest) > 1 + k else 0
        for role, cell in zip(label_roles[:take], rest[:take]):
            if role == "level2":
                entry.level2 = cell
            else:
                entry.labels[role] = cell
        for role in label_roles[take:]:
            if role != "level2":
                entry.labels.setdefault(role, None)
        rest = rest[take:]
    elif rest and level2_of(rest[0].text):
        entry.level2, rest = rest[0], rest[1:]
    if rest and is_value_like(rest[0].text):
        # Targets with no name before them: kept as values, so the report can list them.
        entry.values, entry.unused = assign_values(rest, header.values, header, None, exact)
    elif rest:
        entry.name = rest[0]
        entry.line = rest[0].line
        after = [c for c in row.cells if c.col > rest[0].col]
        entry.values, entry.unused = assign_values(after, header.values, header, rest[0].col, exact)
    elif entry.level2 is not None:
        entry.line = entry.level2.line
    return entry


def _fits(level2: str | None, level1: str | None) -> bool:
    return level2 is not None and level1 in parents_of(level2)


def read_row(row: Row, header: Header, current_level1: str | None, exact: bool = True) -> Entry:
    """Roles for one multi-cell row of the indicator block: by column where columns are
    exact and the cells fit them, else by vocabulary."""
    entry = _positional(row, header, current_level1 == DUTY) if exact else None
    if entry is None:
        entry = _sequential(row, header, current_level1, exact)
    return entry


def label_entry(cell: Cell, current_level1: str | None) -> Entry | None:
    """A one-cell row holding a level-1 or level-2 label (001 prints each on its own line)."""
    as_l1, as_l2 = level1_of(cell.text), level2_of(cell.text)
    if as_l2 and (not as_l1 or _fits(as_l2, current_level1)):
        return Entry(line=cell.line, level2=cell)
    if as_l1:
        return Entry(line=cell.line, level1=cell)
    return None
