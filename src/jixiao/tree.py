"""The indicator block's rows → the indicator tree. Each level-3 goes under its canonical
level-1 and level-2 (the level-2 decides the level-1, and every replaced label is recorded as
a repair); level-2s left without level-3s are kept so they can be reported; targets are typed.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao import indicators as ind
from jixiao.framework import decide_level1, level1_of, level2_of, standard_level2s
from jixiao.grid import Cell
from jixiao.model import Category, Indicator, Repair, TargetTable
from jixiao.texts import clean, one_line
from jixiao.values import parse_decimal, parse_target, unit_from_name


class TreeBuilder:
    """Builds `table.indicators` and `table.categories` from the entries of the block."""

    def __init__(self, table: TargetTable, unused: Callable[[list[Cell], str], None],
                 warn: Callable[[int | None, str, str], None]) -> None:
        self.table = table
        self.unused = unused
        self.warn = warn
        self.entries: list[ind.Entry] = []
        self.duty_columns: dict[str, str | None] = {}  # 重点工作 / 对应项目 of the 履职 row above

    def category(self, level1: str | None, level2: str | None, line: int) -> Category:
        for cat in self.table.categories:
            if cat.level1 == level1 and cat.level2 == level2:
                return cat
        cat = Category(level1, level2, line)
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
                        l1 = written or cur_l1
                        self.warn(e.level2.line, e.level2.text, "二级指标不在规范指标体系中")
                    else:
                        l2 = canonical2
                        l1 = decide_level1(canonical2, written, cur_l1)
                    line = e.level2.line
                    if e.level1 is not None and l1 is not None and l1 != written:
                        reason = (f"一级指标“{e.level1.text}”无法识别（疑为PDF提取错误），按二级指标“{e.level2.text}”修复为“{l1}”"
                                  if written is None else
                                  f"二级指标“{e.level2.text}”属于一级指标“{l1}”，原表写在“{e.level1.text}”下")
                        self.table.repairs.append(Repair(e.level1.line, "level1", e.level1.text, l1, reason))
                cur_l1, cur_l2 = l1, l2
                cur_cat = self.category(l1, l2, line)
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
            self.unused(e.unused, "指标行中多出的单元格")

    def next_level2(self, index: int) -> ind.Entry | None:
        for e in self.entries[index + 1:]:
            if e.level2 is not None and level2_of(e.level2.text):
                return e
        return None

    def indicator(self, e: ind.Entry, l1: str | None, l2: str | None, header: ind.Header) -> Indicator:
        name = one_line(e.name.text)
        hint = unit_from_name(name)
        targets = {}
        for role in ("half", "full"):
            cell = e.values.get(role)
            if cell is None or not cell.text:
                targets[role] = None
                continue
            target = parse_target(cell.text, hint)
            if target.kind == "text":
                self.warn(e.line, target.raw, "指标值不是可度量的数值、等级或进度，按文字目标处理")
            targets[role] = target
        indicator = Indicator(l1, l2, name, targets["half"], targets["full"], e.line)
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
        else:
            self.unused([c for c in e.labels.values() if c is not None], "重点工作/对应项目只属于履职指标")
        if self.table.stage == "self_evaluation":
            actual = e.values.get("actual")
            indicator.extra["actual"] = actual.text.strip() if actual is not None and actual.text else None
            for role in ("weight", "score"):
                cell = e.values.get(role)
                number = parse_decimal(cell.text) if cell is not None else None
                if cell is not None and cell.text and number is None:
                    self.unused([cell], "分值/得分应为数字")
                indicator.extra[role] = number
            reason = e.values.get("reason")
            indicator.extra["reason"] = clean(reason.text) if reason is not None and reason.text else None
        return indicator
