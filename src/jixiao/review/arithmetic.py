"""Funding arithmetic (资金测算): sources, spending lines and written calculations add up,
and match the budget."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.headers import TEXT_LABELS
from jixiao.model import TargetTable
from jixiao.review.calculations import WAN, calculations_in
from jixiao.review.catalog import ERROR, PRACTICE, WARNING, Hit, rule
from jixiao.review.costing import Costing, costing_of

_FIT = f"{PRACTICE}：审核“适当性”要看资金与目标是否匹配，测算须准确"
_CALCULATION_TEXTS = ("funding_basis", "content", "overview", "plan", "other")
_COSTING_MARK = re.compile(r"测算|合计|共计|总计|[×*＊=＝]")
_CENT = Decimal("0.01")  # amounts are compared to the 元-level precision of 万元 with two places
_ROUNDING = Decimal("0.002")  # items copied from contracts, rounded one by one: 69.939155 of 69.95


def _wan(value: Decimal) -> str:
    """万元 to the 元: four decimal places at most, trailing zeros dropped."""
    return f"{value.quantize(Decimal('0.000001')).normalize():f}"


@rule("JX501", "资金来源合计与资金总额不符", ERROR, "arithmetic", PRACTICE,
      "核对各项资金来源：财政拨款、上年结转、其他资金等之和应等于资金总额；财政拨款小计应等于其下各项之和。")
def funding_sum(table: TargetTable) -> Iterator[Hit]:
    """The top-level sources add up to 资金总额, and each source's parts to the source."""
    if not table.funding or table.total_amount_wan is None:
        return
    top = [f for f in table.funding if f.parent is None and f.amount_wan is not None]
    total = sum((f.amount_wan for f in top), Decimal(0))
    if top and abs(total - table.total_amount_wan) >= _CENT:
        names = "、".join(f"{f.name}{_wan(f.amount_wan)}" for f in top if f.amount_wan)
        yield Hit(f"资金来源合计 {_wan(total)} 万元（{names}），资金总额为 {_wan(table.total_amount_wan)} 万元，"
                  f"相差 {_wan(table.total_amount_wan - total)} 万元", line=table.line_of("total_amount_wan"))
    for parent in table.funding:
        parts = [f.amount_wan for f in table.funding if f.parent == parent.name and f.amount_wan is not None]
        if parts and parent.amount_wan is not None and abs(sum(parts, Decimal(0)) - parent.amount_wan) >= _CENT:
            yield Hit(f"“{parent.name}”为 {_wan(parent.amount_wan)} 万元，其下各项之和为 {_wan(sum(parts, Decimal(0)))} 万元",
                      line=parent.line)


@rule("JX502", "支出合计与资金总额不符", ERROR, "arithmetic", PRACTICE,
      "支出表各行的全年预算数之和应等于资金总额；补齐漏列的支出或更正金额。")
def expenditure_sum(table: TargetTable) -> Iterator[Hit]:
    """The annual amounts of the spending lines add up to 资金总额."""
    lines = [e for e in table.expenditures if e.annual_wan is not None]
    if not lines or table.total_amount_wan is None or len(lines) < len(table.expenditures):
        return  # a line without an amount is JX114's finding
    total = sum((e.annual_wan for e in lines), Decimal(0))
    if abs(total - table.total_amount_wan) >= _CENT:
        yield Hit(f"支出全年预算数合计 {_wan(total)} 万元，资金总额为 {_wan(table.total_amount_wan)} 万元",
                  line=lines[0].line)


@rule("JX503", "文字中的计算有误", ERROR, "arithmetic", _FIT,
      "重新核算并更正计算结果，使测算过程、结果与预算金额一致。")
def wrong_calculation(table: TargetTable) -> Iterator[Hit]:
    """A calculation written in a text (面积×单价×12=金额) whose written result is not what its factors give."""
    for key in _CALCULATION_TEXTS:
        for calc in calculations_in(table.texts.get(key) or ""):
            if not calc.correct:
                yield Hit(f"{TEXT_LABELS.get(key, key)}中“{calc.text}”计算有误：应为 {calc.computed.normalize():f}"
                          f"{calc.unit or ''}，写的是 {calc.written}{calc.unit or ''}", line=table.line_of(key, calc.text[:8]))


@rule("JX504", "测算合计与预算金额不符", ERROR, "arithmetic", _FIT,
      "使测算依据中各项金额之和、写明的合计与预算金额三者一致；有其他支出的，列明其测算。")
def calculation_vs_budget(table: TargetTable) -> Iterator[Hit]:
    """The total a text states (合计/共计/总计) against the budget; and where every item is
    a written calculation, the calculations against that total, or against the budget when
    the text states none."""
    budget = _budget(table)
    if budget is None:
        return
    for key, costing in _costings(table):
        label = TEXT_LABELS.get(key, key)
        line = table.line_of(key, (costing.total or costing.items[0]).text[:8])
        if _in_yuan(costing, budget):
            return  # the system exported 元 under a 万元 label: the figures agree, the department erred in nothing
        if costing.total is not None:
            gap = costing.total.wan - budget
            if abs(gap) >= _CENT:
                yield Hit(f"{label}中写明合计 {costing.total.text}，预算为 {_wan(budget)} 万元，"
                          f"{'多出' if gap > 0 else '少'} {_wan(abs(gap))} 万元", line=line)
            elif costing.calculated and not costing.adds_up_to(costing.total.wan, _CENT):
                yield Hit(f"{label}中各项测算结果之和为 {_wan(costing.added)} 万元，与写明的合计 {costing.total.text} 不符",
                          line=line)
            continue
        if not costing.calculated or costing.adds_up_to(budget, _CENT):
            continue
        calcs = [c for c in calculations_in(table.texts[key]) if c.unit]
        written = sum((c.wan(c.written) for c in calcs), Decimal(0))
        computed = sum((c.wan(c.computed) for c in calcs), Decimal(0))
        in_yuan = all(c.unit == "元" for c in calcs)
        scale, unit = (WAN, "元") if in_yuan else (Decimal(1), "万元")
        shown = f"写明的结果合计 {_wan(written * scale)} {unit}"
        if written != computed:
            shown += f"（按算式应为 {_wan(computed * scale)} {unit}）"
        gap = computed - budget
        yield Hit(f"{label}中的测算{shown}，预算为 {_wan(budget)} 万元，"
                  f"{'多出' if gap > 0 else '少'} {_wan(abs(gap) * scale)} {unit}", line=line)


@rule("JX505", "文字中列出的各项金额之和与预算不符", WARNING, "arithmetic", _FIT,
      "核对文字中列出的各项金额，使其合计等于写明的合计和预算金额，或说明其余资金的用途。")
def itemised_vs_budget(table: TargetTable) -> Iterator[Hit]:
    """Amounts listed item by item (会议费约30万元、差旅费约9万元 …; rates, factors and what follows
    the stated total left out) that add up, read any reasonable way, neither to the total the
    text states nor to the budget."""
    budget = _budget(table)
    if budget is None:
        return
    for key, costing in _costings(table):
        if len(costing.items) < 2 or costing.calculated or _in_yuan(costing, budget):
            continue  # one amount adds up to nothing; all-calculated costings are JX504's
        if costing.total is not None and abs(costing.total.wan - budget) >= _CENT:
            continue  # the stated total is already wrong (JX504)
        against = costing.total.wan if costing.total is not None else budget
        if costing.adds_up_to(against, _tolerance(against)):
            continue
        named = f"写明的合计为 {costing.total.text}" if costing.total is not None else f"预算为 {_wan(budget)} 万元"
        yield Hit(f"{TEXT_LABELS.get(key, key)}中列出的金额合计 {_wan(costing.added)} 万元，{named}",
                  line=table.line_of(key, costing.items[0].text))


def _budget(table: TargetTable) -> Decimal | None:
    """The money a costing accounts for: the year's amount where the table gives one apart
    from a total over several years, else the total. Nothing for an amount left at 0."""
    budget = table.current_year_amount_wan if table.current_year_amount_wan is not None else table.total_amount_wan
    return budget or None


def _in_yuan(costing: Costing, budget: Decimal) -> bool:
    """The text's money is the table's amount divided by 10,000: the amount was filled in 元
    under a 万元 label (Shenzhen's system exports 399195 for 39.9195万元)."""
    if budget < WAN:
        return False
    said = costing.total.wan if costing.total is not None else None
    if said is not None:
        return abs(said * WAN - budget) < 1
    return bool(costing.items) and costing.adds_up_to(budget / WAN, _tolerance(budget / WAN))


def _tolerance(amount: Decimal) -> Decimal:
    """How far listed items may be from what they should add up to: a cent, or the rounding
    of items copied one by one from contracts."""
    return max(_CENT, amount * _ROUNDING)


def _costings(table: TargetTable) -> Iterator[tuple[str, Costing]]:
    """The texts that cost the budget: 测算依据 and 实施内容 always, the others when they say
    测算, state a total or hold a calculation (an overview's 总投资 is no costing)."""
    for key in _CALCULATION_TEXTS:
        text = table.texts.get(key) or ""
        if key not in ("funding_basis", "content") and not _COSTING_MARK.search(text):
            continue
        costing = costing_of(text)
        if costing.items or costing.total is not None:
            yield key, costing


@rule("JX506", "支出的半年计划大于全年预算", ERROR, "arithmetic", PRACTICE,
      "半年计划执行数是全年预算数的一部分，不应大于全年预算数。")
def half_plan_exceeds_annual(table: TargetTable) -> Iterator[Hit]:
    """A spending line whose half-year plan is larger than its annual budget."""
    for line in table.expenditures:
        if line.half_year_wan is not None and line.annual_wan is not None and line.half_year_wan > line.annual_wan:
            yield Hit(f"支出“{line.name}”半年计划 {_wan(line.half_year_wan)} 万元大于全年预算 {_wan(line.annual_wan)} 万元",
                      line=line.line)


@rule("JX507", "大额资金没有对应的绩效指标", WARNING, "arithmetic", PRACTICE,
      "部门整体目标应覆盖主要支出：为占比大的支出项目设置履职或产出指标，并填写对应项目。")
def unlinked_spending(table: TargetTable) -> Iterator[Hit]:
    """D: the spending lines that no 履职 indicator names as its 对应项目 hold most of the money."""
    if table.kind != "department" or not table.expenditures:
        return
    linked_text = "".join(str(i.extra.get("linked_project") or "") for i in table.indicators)
    lines = [e for e in table.expenditures if e.annual_wan and e.name != "基本支出"]
    total = sum((e.annual_wan for e in lines), Decimal(0))
    unlinked = [e for e in lines if e.name not in linked_text]
    share = sum((e.annual_wan for e in unlinked), Decimal(0))
    if total and share / total > Decimal("0.5"):
        biggest = sorted(unlinked, key=lambda e: e.annual_wan, reverse=True)[:3]
        named = "、".join(f"{e.name}（{_wan(e.annual_wan)} 万元）" for e in biggest)
        yield Hit(f"项目支出 {_wan(total)} 万元中有 {_wan(share)} 万元（{(share / total * 100).quantize(Decimal('0.1'))}%）"
                  f"没有任何指标以之为对应项目，最大的是{named}", line=biggest[0].line)


