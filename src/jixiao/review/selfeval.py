"""Self-evaluation tables re-scored (自评复核): each published 绩效自评表's scores recomputed from
its own values, and what does not follow flagged.

Only tables at the self-evaluation stage are read. The rules use the scoring of
jixiao.evaluation with the default settings (the 10号 template and the provincial platform's
rules, DOMAIN.md C.1) and keep a tolerance for rounding: a table that writes its scores to
two places may be half a cent off on each, one that writes whole points half a point, and a
sum carries the rounding of each of its parts. A local variant of a rule (the reverse ratio
variant, qualitative scores anywhere in a band) is accepted rather than flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao import attainment
from jixiao.config import ATTAINMENT_WORDS, DEFAULTS
from jixiao.evaluation import quantity_points
from jixiao.model import Indicator, TargetTable, decimal_text
from jixiao.review.catalog import DOC_10, ERROR, PRACTICE, WARNING, Hit, rule

_RULES = DEFAULTS.evaluation
_HUNDRED = Decimal(100)
_TEMPLATE = f"{DOC_10}的项目支出绩效自评表及各地模板表注"
_PLATFORM = "省级预算管理一体化系统的自评计分规则"
_NO_REASON = re.compile(r"^[\s0０/／\\\-—－_.。无略]*(?:暂无|无偏差|没有偏差|不存在偏差)?[\s。.]*$")
_GRADES = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "一般": "中", "合格": "中",
           "差": "差", "较差": "差", "不合格": "差"}


def _n(value: Decimal) -> str:
    return decimal_text(value.normalize()) or "0"


@dataclass(frozen=True, slots=True)
class _Precision:
    unit: Decimal  # one unit in the last place the table writes scores to

    @property
    def half(self) -> Decimal:
        return self.unit / 2


def _precision(table: TargetTable) -> _Precision:
    """The places a table writes its weights and scores to: 2 for 19.68, 0 for 9."""
    numbers = [v for i in table.indicators for v in (i.extra.get("weight"), i.extra.get("score")) if isinstance(v, Decimal)]
    e = table.budget_execution
    numbers += [v for v in (table.total_score, e.weight if e else None, e.score if e else None) if v is not None]
    places = max((-v.as_tuple().exponent for v in numbers if v.as_tuple().exponent < 0), default=0)  # type: ignore[operator]
    return _Precision(Decimal(1).scaleb(-places))


def _scored(table: TargetTable) -> bool:
    return table.stage == "self_evaluation"


def _reading(indicator: Indicator) -> attainment.Reading | None:
    raw = indicator.extra.get("actual")
    if not raw or indicator.full_year is None:
        return None
    reading = attainment.read(str(raw), indicator.full_year, indicator.name)
    return None if reading.problem else reading


def _numbers(indicator: Indicator) -> tuple[Decimal, Decimal] | None:
    weight, score = indicator.extra.get("weight"), indicator.extra.get("score")
    if isinstance(weight, Decimal) and isinstance(score, Decimal):
        return weight, score
    return None


def _quantity(indicator: Indicator) -> tuple[attainment.Reading, Decimal, Decimal] | None:
    """An indicator with a numeric actual against a numeric target, and its weight and score."""
    numbers, reading = _numbers(indicator), _reading(indicator)
    target = indicator.full_year
    if numbers is None or reading is None or reading.value is None or target is None or target.value is None:
        return None
    return reading, *numbers


def _execution_rate(table: TargetTable) -> Decimal | None:
    """The execution rate in percent: executed ÷ adjusted budget, else the rate column."""
    e = table.budget_execution
    if e is None:
        return None
    if e.executed_wan is not None and e.adjusted_wan:
        return e.executed_wan / e.adjusted_wan * _HUNDRED
    return e.rate


@rule("JX801", "实际完成值达到指标值却被扣分", WARNING, "self_evaluation",
      f"{_TEMPLATE}：定量指标完成指标值的得满分；{_PLATFORM}同此",
      "按指标值核对实际完成值：已达到的，给满分；确有扣分理由的（如质量问题），在偏差原因中写明，并考虑另设反映该问题的指标。")
def met_but_lost_points(table: TargetTable) -> Iterator[Hit]:
    """A quantitative indicator whose actual meets its target (≥/>/= reached, ≤/< kept) scores less
    than its weight, beyond rounding and beyond the deviation deduction for 30% or more above target."""
    if not _scored(table):
        return
    precision = _precision(table)
    for indicator in table.indicators:
        found = _quantity(indicator)
        if found is None:
            continue
        reading, weight, score = found
        target = indicator.full_year
        if not attainment.is_met(reading.value, target) or weight - score <= precision.half:  # type: ignore[arg-type]
            continue
        deviation = attainment.deviation(reading.value, target)  # type: ignore[arg-type]
        deducted = weight - _RULES.deviation_deduction
        if deviation is not None and deviation >= _RULES.deviation_percent \
                and attainment.direction(target) == attainment.POSITIVE and abs(score - deducted) <= precision.unit:  # type: ignore[arg-type]
            continue  # the 2-point deduction for a target exceeded by 30% or more
        yield Hit(f"“{indicator.name}”实际完成 {reading.raw}，已达到指标值 {target.raw}，得分 {_n(score)} 低于分值 {_n(weight)}",  # type: ignore[union-attr]
                  line=indicator.line, indicator=indicator.name)


@rule("JX802", "得分高于分值", ERROR, "self_evaluation",
      f"{_TEMPLATE}：各项指标得分不得超过该指标的分值",
      "得分以该指标的分值为上限；超额完成不加分。")
def score_above_weight(table: TargetTable) -> Iterator[Hit]:
    """An indicator's score, or the execution score, above its weight (分值), beyond rounding."""
    if not _scored(table):
        return
    precision = _precision(table)
    for indicator in table.indicators:
        numbers = _numbers(indicator)
        if numbers and numbers[1] - numbers[0] > precision.half:
            yield Hit(f"“{indicator.name}”得分 {_n(numbers[1])}，高于分值 {_n(numbers[0])}", line=indicator.line,
                      indicator=indicator.name)
    e = table.budget_execution
    if e is not None and e.weight is not None and e.score is not None and e.score - e.weight > precision.half:
        yield Hit(f"预算执行率得分 {_n(e.score)}，高于分值 {_n(e.weight)}", line=table.line_of("total_amount_wan"))


@rule("JX803", "总分不等于各项得分之和", ERROR, "self_evaluation",
      f"{_TEMPLATE}：总分为各项指标得分与预算执行率得分之和（不适用的指标不考核时按百分制折算，"
      f"执行率偏低时按{_PLATFORM}封顶）",
      "把各项指标得分与预算执行率得分相加作为总分；有不适用的指标时按百分制折算，并在表中注明。")
def total_not_sum(table: TargetTable) -> Iterator[Hit]:
    """The 总分 against the sum of the indicator and execution scores; a total scaled to 100
    (weights below 100) or capped for a low execution rate is accepted."""
    if not _scored(table) or table.total_score is None:
        return
    weighted = [i for i in table.indicators if isinstance(i.extra.get("weight"), Decimal)]
    if not weighted or any(not isinstance(i.extra.get("score"), Decimal) for i in weighted):
        return  # scores left blank: nothing to add up
    parts = [i.extra["score"] for i in weighted]
    weights = [i.extra["weight"] for i in weighted]
    e = table.budget_execution
    if e is not None and e.weight is not None:
        if e.score is None:
            return
        parts.append(e.score)
        weights.append(e.weight)
    total, written = sum(parts, Decimal(0)), table.total_score
    precision = _precision(table)
    tolerance = precision.half * (len(parts) + 1)
    candidates = [total]
    weight_sum = sum(weights, Decimal(0))
    if weight_sum and weight_sum != _HUNDRED:
        candidates.append(total * _HUNDRED / weight_sum)
    cap = _RULES.cap_for(_execution_rate(table))
    if cap is not None:
        candidates += [min(c, cap) for c in candidates]
    if all(abs(written - c) > tolerance for c in candidates):
        yield Hit(f"总分 {_n(written)}，各项得分之和为 {_n(total)}（{len(parts)} 项）", line=table.line_of("total_score"))


@rule("JX804", "自评等级与总分不符", ERROR, "self_evaluation",
      "财政部预算司绩效评价等级：90分（含）以上为优，80（含）至90分为良，60（含）至80分为中，60分以下为差；" + _TEMPLATE,
      "按总分确定自评等级：90分及以上为优，80–89分为良，60–79分为中，60分以下为差。")
def grade_not_total(table: TargetTable) -> Iterator[Hit]:
    """The 自评等级 written against the grade the 总分 gives (a total on a boundary within rounding is accepted)."""
    if not _scored(table) or table.total_score is None or not table.grade:
        return
    written = _GRADES.get("".join(table.grade.split()))
    if written is None:
        return
    total, half = table.total_score, _precision(table).half
    allowed = {_RULES.grade_of(total), _RULES.grade_of(total - half), _RULES.grade_of(total + half)}
    if written not in allowed:
        yield Hit(f"总分 {_n(total)} 对应等级“{_RULES.grade_of(total)}”，表中写的是“{table.grade}”",
                  line=table.line_of("grade") or table.line_of("total_score"))


@rule("JX805", "偏差达30%以上未说明原因", WARNING, "self_evaluation",
      f"{_TEMPLATE}：未完成或偏离指标值的须在“偏差原因分析及改进措施”中说明；{_PLATFORM}把超过指标值30%及以上"
      "视为偏差（地方平台要求写明原因和改进措施）",
      "在“偏差原因分析及改进措施”中写明实际完成值偏离指标值的原因，以及改进措施或调整下年度指标值的打算。")
def deviation_without_cause(table: TargetTable) -> Iterator[Hit]:
    """A numeric actual 30% or more away from its target (above a floor or far short of it; above
    a cap) with the 偏差原因 cell empty or a placeholder (0, 无, /)."""
    if not _scored(table):
        return
    for indicator in table.indicators:
        reading, target = _reading(indicator), indicator.full_year
        if reading is None or reading.value is None or target is None or target.value is None:
            continue
        deviation = attainment.deviation(reading.value, target)
        if deviation is None:
            continue
        reverse = attainment.direction(target) == attainment.REVERSE
        off = deviation >= _RULES.deviation_percent if reverse else abs(deviation) >= _RULES.deviation_percent
        if off and _NO_REASON.match(str(indicator.extra.get("reason") or "")):
            word = "超过" if deviation > 0 else "低于"
            yield Hit(f"“{indicator.name}”实际完成 {reading.raw}，{word}指标值 {target.raw} {_n(abs(deviation).quantize(Decimal('0.1')))}%，"
                      "未说明偏差原因", line=indicator.line, indicator=indicator.name)


@rule("JX806", "预算执行率得分与执行数不符", ERROR, "self_evaluation",
      f"{_TEMPLATE}：预算执行率得分 = 分值 × 全年执行数 ÷ 全年预算数，最高为该项分值",
      "按全年执行数 ÷ 全年预算数（调整后，含上年结转）计算执行率，得分 = 分值 × 执行率，执行率超过 100% 按 100% 计。")
def execution_score_wrong(table: TargetTable) -> Iterator[Hit]:
    """The 执行率 and its 得分 in the funds row against 全年执行数 ÷ 全年预算数 × 分值 (rounding and a
    truncated last place accepted)."""
    if not _scored(table):
        return
    e = table.budget_execution
    if e is None or e.executed_wan is None or not e.adjusted_wan:
        return
    rate = e.executed_wan / e.adjusted_wan * _HUNDRED
    line = table.line_of("total_amount_wan")
    if e.rate is not None:
        places = max(-e.rate.as_tuple().exponent, 0)  # type: ignore[operator]
        if abs(e.rate - rate) > Decimal(1).scaleb(-places):
            yield Hit(f"执行率写作 {_n(e.rate)}%，全年执行数 {_n(e.executed_wan)} ÷ 全年预算数 {_n(e.adjusted_wan)} = "
                      f"{_n(rate.quantize(Decimal('0.01')))}%", line=line)
    if e.weight is not None and e.score is not None:
        expected = e.weight * min(rate / _HUNDRED, Decimal(1))
        if abs(e.score - expected) > _precision(table).unit:
            yield Hit(f"执行率得分 {_n(e.score)}，按分值 {_n(e.weight)} × 执行率 {_n(rate.quantize(Decimal('0.01')))}% "
                      f"应为 {_n(expected.quantize(Decimal('0.01')))}", line=line)


@rule("JX807", "得分高于按完成比例计算的分数", WARNING, "self_evaluation",
      f"{_TEMPLATE}：未完成指标值的定量指标按完成比例计分；{_PLATFORM}同此（反向指标另按超出比例扣分）",
      "未达到指标值的定量指标，得分 = 分值 × 实际完成值 ÷ 指标值（反向指标按超出比例扣减），并在偏差原因中说明。")
def score_above_completion(table: TargetTable) -> Iterator[Hit]:
    """A quantitative indicator that missed its target but scores more than its completion gives
    (weight × actual ÷ target; for a reverse indicator, the higher of the two local formulas)."""
    if not _scored(table):
        return
    precision = _precision(table)
    for indicator in table.indicators:
        found = _quantity(indicator)
        if found is None:
            continue
        reading, weight, score = found
        target = indicator.full_year
        if attainment.is_met(reading.value, target):  # type: ignore[arg-type]
            continue
        rules = (_RULES,) if attainment.direction(target) == attainment.POSITIVE else \
            tuple(type(_RULES)(reverse_rule=r) for r in ("platform", "ratio"))  # type: ignore[union-attr]
        best = max(quantity_points(weight, reading.value, target, r)[0] for r in rules)  # type: ignore[arg-type]
        if score - best > precision.unit:
            yield Hit(f"“{indicator.name}”实际完成 {reading.raw}，未达到指标值 {target.raw}，按完成比例最多得 "  # type: ignore[union-attr]
                      f"{_n(best.quantize(Decimal('0.01')))} 分，表中得 {_n(score)} 分", line=indicator.line, indicator=indicator.name)


@rule("JX808", "定性指标得分不在所选档次的区间内", WARNING, "self_evaluation",
      f"{_TEMPLATE}：定性指标按达成年度指标（80%–100%）、部分达成并具有一定效果（60%–80%）、"
      "未达成且效果较差（0–60%）三档计分；一体化平台校验得分须在所选档次内",
      "按所填的达成情况在对应区间内给分，或改写达成情况使之与得分一致。")
def qualitative_out_of_band(table: TargetTable) -> Iterator[Hit]:
    """A qualitative result (达成 / 部分达成 / 未达成, or the target's own grade word repeated) whose
    score, as a share of the weight, lies outside that grade's band (bounds taken inclusively,
    with the table's rounding)."""
    if not _scored(table):
        return
    precision = _precision(table)
    for indicator in table.indicators:
        numbers, reading = _numbers(indicator), _reading(indicator)
        if numbers is None or reading is None or reading.grade is None or not numbers[0]:
            continue
        weight, score = numbers
        low, high = _RULES.qualitative_bands[reading.grade]
        slack = precision.half
        if score < weight * low / _HUNDRED - slack or score > weight * high / _HUNDRED + slack:
            share = (score / weight * _HUNDRED).quantize(Decimal("0.1"))
            yield Hit(f"“{indicator.name}”填“{reading.raw}”（{ATTAINMENT_WORDS[reading.grade]}，应得分值的 {_n(low)}%–"
                      f"{_n(high)}%），得分 {_n(score)} 为分值的 {_n(share)}%", line=indicator.line, indicator=indicator.name)


@rule("JX809", "预算执行率偏低而总分超过封顶分", ERROR, "self_evaluation",
      f"{_PLATFORM}：执行率低于80%的总分最高89分，低于70%最高79分，低于60%最高69分，低于50%最高59分；{PRACTICE}",
      "按执行率所在区间把总分降到封顶分，并在报告中说明资金执行偏慢的原因。")
def total_above_cap(table: TargetTable) -> Iterator[Hit]:
    """A total above the highest the execution rate allows (80% → 89, 70% → 79, 60% → 69, 50% → 59)."""
    if not _scored(table) or table.total_score is None:
        return
    rate = _execution_rate(table)
    cap = _RULES.cap_for(rate)
    if cap is not None and table.total_score - cap > _precision(table).half:
        yield Hit(f"预算执行率 {_n(rate.quantize(Decimal('0.01')))}%，总分最高 {_n(cap)} 分，表中为 {_n(table.total_score)} 分",  # type: ignore[union-attr]
                  line=table.line_of("total_score"))

