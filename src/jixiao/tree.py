"""The indicator block's rows → the indicator tree. Each level-3 goes under its canonical
level-1 and level-2 (the level-2 decides the level-1, and every replaced label is recorded as
a repair); level-2s left without level-3s are kept so they can be reported; targets are typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from jixiao import indicators as ind
from jixiao.framework import decide_level1, level1_of, level2_of, standard_level2s
from jixiao.grid import Cell
from jixiao.model import Category, Indicator, Repair, Target, TargetTable
from jixiao.texts import clean, one_line
from jixiao.values import comparator_of, normalize, parse_decimal, parse_target, unit_from_name


class TreeBuilder:
    """Builds `table.indicators` and `table.categories` from the entries of the block."""

    def __init__(self, table: TargetTable, unused: Callable[[list[Cell], str], None],
                 warn: Callable[[int | None, str, str], None]) -> None:
        self.table = table
        self.unused = unused
        self.warn = warn
        self.entries: list[ind.Entry] = []
        self.duty_columns: dict[str, str | None] = {}  # 重点工作 / 对应项目 of the 履职 row above
        # The first category of each (level-1, level-2), looked up for every indicator.
        self.categories: dict[tuple[str | None, str | None], Category] = {}
        for cat in table.categories:
            self.categories.setdefault((cat.level1, cat.level2), cat)

    def category(self, level1: str | None, level2: str | None, line: int) -> Category:
        cat = self.categories.get((level1, level2))
        if cat is None:
            cat = self.categories[level1, level2] = Category(level1, level2, line)
            self.table.categories.append(cat)
        return cat

    def build(self, entries: list[ind.Entry], header: ind.Header | None) -> None:
        """Place every entry; the header is the one in force where an entry has none."""
        cur_l1: str | None = None
        cur_l2: str | None = None
        cur_cat: Category | None = None
        self.entries = entries
        for index, e in enumerate(entries):
            written = level1_of(e.level1.text) if e.level1 is not None and not e.garbled else None
            if e.level1 is not None and e.level1.text and written is None and e.level2 is None:
                self.unused([e.level1], "一级指标无法识别")
            if written and e.level2 is None and e.duty is None and written != cur_l1:
                cur_l1, cur_l2, cur_cat = written, None, None
            if e.level2 is not None or e.duty is not None:
                duty_text = e.duty if e.duty is not None else None
                if duty_text is None and (written or cur_l1) == ind.DUTY and not level2_of(e.level2.text):
                    duty_text = one_line(e.level2.text)
                if duty_text is not None:
                    l1, l2 = ind.DUTY, duty_text
                    line = e.duty_line if e.duty is not None else e.level2.line
                else:
                    canonical2 = level2_of(e.level2.text)
                    if canonical2 is None:
                        l2 = one_line(e.level2.text)
                        l1 = one_line(e.level1.text) if e.printed else written or cur_l1
                        self.warn(e.level2.line, e.level2.text, "二级指标不在规范指标体系中")
                    else:
                        l2 = canonical2
                        l1 = decide_level1(canonical2, written, cur_l1)
                    line = e.level2.line
                    if e.level1 is not None and l1 is not None and l1 != written and not e.printed:
                        reason = (f"一级指标“{e.level1.text}”无法识别（疑为PDF提取错误），按二级指标“{e.level2.text}”修复为“{l1}”"
                                  if written is None else
                                  f"二级指标“{e.level2.text}”属于一级指标“{l1}”，原表写在“{e.level1.text}”下")
                        self.table.repairs.append(Repair(e.level1.line, "level1", e.level1.text, l1, reason))
                cur_l1, cur_l2 = l1, l2
                cur_cat = self.category(l1, l2, line)
            if e.name is not None and cur_cat is not None and declares_not_applicable(e):
                # A level-2 whose row says 不适用; beside a real indicator of the same category
                # (其他满意度 | 不适用 under 服务对象满意度) it declares nothing more.
                cur_cat.not_applicable = cur_cat.count == 0
                continue
            if e.name is None:
                for cell in e.values.values():
                    if cell is not None:
                        self.unused([cell], "指标值缺少对应的三级指标名称")
                self.unused([c for c in e.labels.values() if c is not None], "重点工作/对应项目缺少对应的三级指标")
                self.unused(e.unused, "指标行中多出的单元格")
                continue
            l1, l2, cat = cur_l1, cur_l2, cur_cat
            if e.level2 is None and e.duty is None:
                belongs = standard_level2s(e.name.text)
                if belongs and cur_l2 not in belongs:
                    nxt = self.next_level2(index)
                    if nxt is not None and level2_of(nxt.level2.text) in belongs:
                        l2 = level2_of(nxt.level2.text)
                        l1 = decide_level1(l2, None, cur_l1)
                        cat = self.category(l1, l2, nxt.level2.line)
            if cat is None:
                cat = self.category(l1, l2, e.line)
            cat.count += 1
            self.table.indicators.append(self.indicator(e, l1, l2, e.header or header))
            if e.unused:
                self.unused(e.unused, "指标行中多出的单元格")

    def next_level2(self, index: int) -> ind.Entry | None:
        for e in self.entries[index + 1:]:
            if e.level2 is not None and level2_of(e.level2.text):
                return e
        return None

    def indicator(self, e: ind.Entry, l1: str | None, l2: str | None, header: ind.Header) -> Indicator:
        name = one_line(e.name.text)
        hint = unit_from_name(name)
        parts = self.parts(e) if not e.values.keys().isdisjoint(_PARTS) else {}  # most rows have none
        targets: dict[str, Target | None] = {}
        for role in ind.TARGET_ROLES:
            cell = e.values.get(role)
            if cell is None or not cell.text:
                targets[role] = None
                continue
            # Without parts, compose is parse_target: most targets skip the extra call.
            target = compose(cell.text, parts, hint) if parts else parse_target(cell.text, hint)
            if target.kind == "text":
                self.warn(e.line, target.raw, "指标值不是可度量的数值、等级或进度，按文字目标处理")
            targets[role] = target
        if parts:  # without parts there is nothing to report
            self.unused_parts(e, parts, targets)
        indicator = Indicator(l1, l2, name, targets["half"], targets["full"], e.line)
        if "long_term" in header.values:
            indicator.extra["long_term"] = targets["long_term"]
        if parts:
            for key in ("direction", "nature"):
                if key in parts:
                    indicator.extra[key] = parts[key]
        if not _ABOUT.isdisjoint(header.values):
            for role in ind.ABOUT_ROLES:
                if role in header.values:
                    cell = e.values.get(role)
                    indicator.extra[role] = clean(cell.text) if cell is not None and cell.text else None
        if l1 == ind.DUTY:
            indicator.extra["duty"] = l2
            new_duty = e.level2 is not None or e.duty is not None
            for role in ("key_work", "linked_project"):
                if role in header.labels:
                    cell = e.labels.get(role)
                    value = one_line(cell.text) if cell is not None and cell.text else None
                    if value is None and not new_duty:
                        value = self.duty_columns.get(role)  # a merged cell: the row above says it
                    self.duty_columns[role] = indicator.extra[role] = value
        elif e.labels:
            self.unused([c for c in e.labels.values() if c is not None], "重点工作/对应项目只属于履职指标")
        scored = self.table.stage == "self_evaluation"
        if scored:
            actual = e.values.get("actual")
            indicator.extra["actual"] = actual.text.strip() if actual is not None and actual.text else None
        for role in ("weight", "score"):
            if scored or role in header.values:
                cell = e.values.get(role)
                number = parse_decimal(cell.text) if cell is not None else None
                if cell is not None and cell.text and number is None:
                    self.unused([cell], "分值/得分应为数字")
                indicator.extra[role] = number
        if scored:
            reason = e.values.get("reason")
            indicator.extra["reason"] = clean(reason.text) if reason is not None and reason.text else None
        return indicator

    def parts(self, e: ind.Entry) -> dict[str, str]:
        """The pieces of a target split over cells (comparator, unit) and what an attribute
        column says (定量/定性 → nature, 正向/反向 → direction, ≥ → comparator)."""
        parts: dict[str, str] = {}
        if e.values.keys().isdisjoint(_PARTS):
            return parts
        for role in ind.PART_ROLES:
            cell = e.values.get(role)
            if cell is None or not cell.text.strip():
                continue
            text = one_line(cell.text)
            key = "unit" if role == "unit" else attribute_of(text)
            if key is None:
                self.unused([cell], "指标性质/方向列的内容无法识别（应为定量/定性、正向/反向或比较符号）")
            elif key not in parts:
                parts[key] = text
            elif parts[key] != text:
                self.unused([cell], "两列给出的比较符号、单位、性质或方向不一致")
        return parts

    def unused_parts(self, e: ind.Entry, parts: dict[str, str], targets: dict[str, Target | None]) -> None:
        """A comparator or unit with no target to join goes to the report."""
        if any(targets.values()):
            return
        for role in ("comparator", "unit"):
            cell = next((e.values[r] for r in ind.PART_ROLES if e.values.get(r) is not None
                         and parts.get(role) == one_line(e.values[r].text)), None)
            if cell is not None:
                self.unused([cell], "指标值为空，比较符号或计量单位无处可用")


_NOT_APPLICABLE_NAME = re.compile(r"^(不适用|不适应|无|/|—+|-+|－|不涉及|暂无)$|^不(适用|适应|涉及|直接|产生|满足|合适)")
_NOT_APPLICABLE_FIRST = frozenset("不无/—-－暂")
_NOT_APPLICABLE_VALUE = frozenset(["不适用", "不适应", "无", "/", "—", "-", "－", "——", "不涉及", "暂无", "0"])


def declares_not_applicable(e: ind.Entry) -> bool:
    """A row that says its category does not apply: 不适用 | 不适用 | 不适用, or a name such as
    不直接产生经济效益 with 无 as its target. A real indicator whose target is 无 (安全事故 | 无)
    has a name of its own and stays an indicator."""
    if e.name is None or e.name.text.lstrip()[:1] not in _NOT_APPLICABLE_FIRST \
            or not _NOT_APPLICABLE_NAME.search("".join(e.name.text.split())):
        return False
    values = [c for r, c in e.values.items() if c is not None and c.text.strip() and r in ind.TARGET_ROLES]
    return all("".join(c.text.split()) in _NOT_APPLICABLE_VALUE for c in values)


_PARTS = frozenset(ind.PART_ROLES)
_ABOUT = frozenset(ind.ABOUT_ROLES)
_DIRECTIONS = {"正向": "正向", "反向": "反向", "正向指标": "正向", "反向指标": "反向", "越大越好": "正向", "越小越好": "反向"}
_NATURES = {"定量": "定量", "定性": "定性", "定量指标": "定量", "定性指标": "定性"}


def attribute_of(text: str) -> str | None:
    """What a cell of an attribute column holds: comparator, nature or direction."""
    bare = normalize(text).replace(" ", "")
    if bare in _NATURES:
        return "nature"
    if bare in _DIRECTIONS:
        return "direction"
    if comparator_of(bare) is not None:
        return "comparator"
    return None


def compose(value: str, parts: dict[str, str], hint: str | None) -> Target:
    """One target from its cells: comparator, number and unit, in the order a target is read.
    A cell that already has its own comparator or unit keeps them."""
    if not parts or (not parts.get("comparator") and not parts.get("unit")):
        return parse_target(value, hint)
    bare = normalize(value).strip()
    comparator = parts.get("comparator") or ""
    unit = parts.get("unit") or ""
    if comparator and comparator_of(bare[:2]) is not None:
        comparator = ""  # 指标值 ≥95 beside a 符号 column saying ≥ again
    if unit and (bare.endswith(unit) or parse_decimal(bare.lstrip("≥≤=<>≧≦＝").strip()) is None):
        unit = ""  # the number cell already names its unit, or the target is not a number
    if not comparator and not unit:
        return parse_target(value, hint)
    raw = f"{comparator}{value.strip()}{unit}"
    target = parse_target(raw, hint)
    cells = {"comparator": comparator or None, "value": value.strip(), "unit": unit or None}
    return replace(target, cells={k: v for k, v in cells.items() if v is not None})
