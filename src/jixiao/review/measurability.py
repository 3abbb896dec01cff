"""Measurability (可衡量性): targets that can be checked at mid-year and scored at year end."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import TargetTable
from jixiao.review.catalog import INFO, PRACTICE, WARNING, Hit, rule
from jixiao.review.kinds import (
    OUTCOME, RATE_UNITS, SATISFACTION, can_pass_100, is_capped_ratio, is_reverse, is_time_name, stem, targets, units_of, where,
)

_QUANTIFY = "地方绩效目标管理办法（仿照财预〔2015〕88号制定）：绩效目标应细化、量化，难以量化的才用分级分档的定性表述"
_TARGET_IN_NAME = re.compile(r"(?:超过|超|不少于|达到|≥|>)\s*\d+(?:\.\d+)?\s*(?:家|个|项|人|场|次|名|件|亿元|万元|%)?"
                             r"|\d+(?:\.\d+)?\s*(?:家|个|项|人|场|次|名|件|亿元|万元|%)")
# A name that says when (当年完成, 年底前建成, 三季度开工) gives the time limit itself.
_TIME_IN_NAME = re.compile(r"当年|本年|年内|年底|年末|季度|月底|月末|月内|\d+月|[一二三四五六七八九十]+月")
_SCHEDULE_ONLY = re.compile(r"^(?:及时|按时|按期|完成|完成半数|按计划完成|按时完成|按期完成|已完成|全部完成|基本完成|序时进度)$")

_QUOTED = re.compile(r"[“\"'‘][^”\"'’]*[”\"'’]")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_MEASURED = re.compile(r"(?:率|数|量|额|次|值|标准|比例|比重|占比|天数|时间|时长|时限|期限|周期|面积|长度|金额|成本|满意度|程度)$")
_SENTENCE = re.compile(r"[，,；;。]")
_SATISFACTION_NAME = re.compile(r"满意[度率]")
# A bound stated in words, or a comparator before a date (≤次月10日).
_BOUND_IN_WORDS = re.compile(r"(?:不超过|不高于|不多于|不低于|不少于|至少|控制在)\s*\d|\d[^，,；;。\d]{0,4}?(?:以内|以下|以上|之前|前)"
                             r"|^[≤≥<>＜＞]\D{0,4}\d+\s*(?:日|号)")


@rule("JX201", "指标值“≥0”“=0%”不构成任何承诺", WARNING, "measurability", _QUANTIFY,
      "写出实际计划达到的值：数量如半年“≥600家”、全年“≥1500家”，比率如半年预算执行率“≥40%”；半年确实没有产出的，说明原因并写明全年节点。")
def zero_target(table: TargetTable) -> Iterator[Hit]:
    """A target of ≥0, >0 or =0 on an indicator where more is better: any result meets it,
    so monitoring can never warn. Reverse indicators (事故, 投诉, 结余) are exempt, and so is a
    half-year zero where nothing can be counted by June (see _nothing_by_june)."""
    no_plan = _no_mid_year_plan(table)
    for indicator in table.indicators:
        if is_reverse(indicator.name):
            continue
        for column, target in targets(indicator):
            if target.kind == "quantity" and target.value == 0 and target.comparator in ("≥", "=", None):
                # A half-year 预算执行率 of 0% agrees with a half-year spending plan of 0.
                if column == "半年" and "执行率" in indicator.name and _no_half_year_spending(table):
                    continue
                if column == "半年" and target.comparator == "=" and target.unit not in RATE_UNITS \
                        and _positive(indicator.full_year):
                    continue  # =0次 by June, =1次 by December: a schedule, not an empty promise
                if column == "半年" and _nothing_by_june(table, indicator, no_plan):
                    continue
                yield Hit(f"“{where(indicator)}”的{column}指标值为“{target.raw}”", line=indicator.line,
                          indicator=indicator.name)


# Results conferred at year end by others: 高企认定, 研发机构 recognition, 评选, 获奖, 人才入选.
_CONFERRED = re.compile(r"高新技术企业|高企|研发机构|获奖|认定|评选|入选|双创人才")
# ...but paying those who were conferred (奖励首次认定企业数) is the project's own work, planned by June.
_OWN_PAYMENT = re.compile(r"^(?:奖励|奖补|补助|资助|兑现|发放|拨付)")


def _nothing_by_june(table: TargetTable, indicator, no_plan: bool) -> bool:
    """A half-year zero is the honest target when the table plans no spending in the first
    half, when the result is conferred at year end by others, or when the whole year holds one
    or two (a forum held in the autumn). But where routine counts are zero by June too and no
    count is above zero, the table has no mid-year plan at all, and each zero says so."""
    if _no_half_year_spending(table):
        return True
    return not no_plan and _late_by_nature(indicator)


def _late_by_nature(indicator) -> bool:
    full = indicator.full_year
    small = full is not None and full.kind == "quantity" and full.value is not None and 0 < full.value <= 2
    return small or (_CONFERRED.search(indicator.name) is not None and not _OWN_PAYMENT.match(indicator.name))


def _no_mid_year_plan(table: TargetTable) -> bool:
    """No half-year count above zero, and some routine count (not late by nature) at zero."""
    counts = [i for i in table.indicators if i.half_year is not None and i.half_year.kind == "quantity"
              and i.half_year.value is not None and i.half_year.unit not in RATE_UNITS]
    return not any(i.half_year.value > 0 for i in counts) \
        and any(i.half_year.value == 0 and not _late_by_nature(i) and not is_reverse(i.name) for i in counts)


def _positive(target) -> bool:
    return target is not None and target.kind == "quantity" and target.value is not None and target.value > 0


def _no_half_year_spending(table: TargetTable) -> bool:
    return bool(table.expenditures) and all(not e.half_year_wan for e in table.expenditures)


@rule("JX202", "效益或满意度指标只有定性等级", WARNING, "measurability", _QUANTIFY,
      "把效果写成可核实的数值，如“技术合同成交额≥100亿元”“服务对象满意度≥90%”；确实无法量化的，说明评判标准和依据。")
def outcome_grade_only(table: TargetTable) -> Iterator[Hit]:
    """An outcome (效益) or satisfaction target that is a bare grade: 较高, 显著, 满意, 浓厚."""
    for indicator in table.indicators:
        if indicator.level1 not in (OUTCOME, SATISFACTION):
            continue
        stated = targets(indicator)
        if stated and all(t.kind == "qualitative" for _, t in stated):
            yield Hit(f"“{where(indicator)}”的指标值只是“{stated[-1][1].raw}”，无法核实", line=indicator.line,
                      indicator=indicator.name)


@rule("JX203", "数量指标不是数值", WARNING, "measurability", _QUANTIFY,
      "数量指标写成“比较符+数值+单位”，如“≥5次”“=2517平方米”。")
def quantity_not_number(table: TargetTable) -> Iterator[Hit]:
    """A 数量指标 whose target is a grade or a schedule word rather than a number."""
    for indicator in table.indicators:
        if indicator.level2 != "数量指标":
            continue
        for column, target in targets(indicator):
            if target.kind in ("qualitative", "schedule"):
                yield Hit(f"数量指标“{indicator.name}”的{column}指标值是“{target.raw}”", line=indicator.line,
                          indicator=indicator.name)


@rule("JX204", "时效指标没有时限", WARNING, "measurability", PRACTICE,
      "写明完成时限或间隔，如“2026年10月底前完成”“补贴发放≤30个工作日”“资金支付及时率=100%”。")
def vague_timeliness(table: TargetTable) -> Iterator[Hit]:
    """A 时效指标 that says only 及时 or 完成, with no date, interval or rate."""
    for indicator in table.indicators:
        if indicator.level2 != "时效指标":
            continue
        stated = targets(indicator)
        if stated and all(_SCHEDULE_ONLY.match(t.raw.strip().lstrip("=")) for _, t in stated) \
                and not _TIME_IN_NAME.search(indicator.name):
            yield Hit(f"时效指标“{indicator.name}”的指标值只是“{stated[-1][1].raw}”，没有时限", line=indicator.line,
                      indicator=indicator.name)


@rule("JX205", "指标值是描述而不是目标值", WARNING, "measurability", _QUANTIFY,
      "把描述改写成可核实的目标值（数值、比率、时间节点或明确的等级），描述性内容写入指标解释。")
def descriptive_target(table: TargetTable) -> Iterator[Hit]:
    """A target the value grammar cannot read as a number, grade or schedule: a sentence. One
    that states its bound in words (总成本不超过39.92万, 每月8号前报送, ≤次月10日) can be checked as it stands."""
    for indicator in table.indicators:
        for column, target in targets(indicator):
            if target.kind == "text" and not _BOUND_IN_WORDS.search(target.raw):
                yield Hit(f"“{where(indicator)}”的{column}指标值“{target.raw}”是描述，无法比对", line=indicator.line,
                          indicator=indicator.name)


@rule("JX206", "数值指标缺少单位", WARNING, "measurability", _QUANTIFY,
      "在数值后写明计量单位，如“≥10家”“≥90%”。")
def unit_missing(table: TargetTable) -> Iterator[Hit]:
    """A number with no unit, in the cell or in the indicator's name. A satisfaction is a
    percentage by definition (满意度 ≥90)."""
    for indicator in table.indicators:
        for column, target in targets(indicator):
            if target.kind == "quantity" and not target.unit \
                    and not (_SATISFACTION_NAME.search(indicator.name) and target.value is not None and target.value <= 100):
                yield Hit(f"“{where(indicator)}”的{column}指标值“{target.raw}”没有单位", line=indicator.line,
                          indicator=indicator.name)


@rule("JX207", "数值指标缺少比较符", INFO, "measurability", PRACTICE,
      "写明比较方向：正向指标用“≥”，反向指标用“≤”，必须恰好达到的用“=”。")
def comparator_missing(table: TargetTable) -> Iterator[Hit]:
    """A number with no ≥, ≤ or =: monitoring cannot tell whether more is better. A bare 100%
    says it all (资金到位率 100%, 保障范围 100%: the whole of it), unless more than the whole is
    possible (增长 100%)."""
    for indicator in table.indicators:
        for column, target in targets(indicator):
            if target.kind == "quantity" and target.comparator is None and target.unit \
                    and not (target.value == 100 and target.unit == "%" and not can_pass_100(indicator.name)):
                yield Hit(f"“{where(indicator)}”的{column}指标值“{target.raw}”没有比较符", line=indicator.line,
                          indicator=indicator.name)


@rule("JX208", "比率指标超过或要求超过100%", WARNING, "measurability", PRACTICE,
      "合格率、覆盖率、满意度等比率最高为100%，目标为全部达到的写“=100%”。")
def ratio_over_100(table: TargetTable) -> Iterator[Hit]:
    """A ratio that cannot exceed 100% (合格率, 达标率, 覆盖率) set above it, or set at ≥100%,
    which only 100% can meet."""
    for indicator in table.indicators:
        if not is_capped_ratio(indicator.name):
            continue
        for column, target in targets(indicator):
            if target.kind != "quantity" or target.unit != "%" or target.value is None:
                continue
            if target.value > 100 or (target.value == 100 and target.comparator in ("≥", ">")):
                yield Hit(f"“{where(indicator)}”的{column}指标值为“{target.raw}”，该比率不可能超过100%",
                          line=indicator.line, indicator=indicator.name)


@rule("JX209", "一个指标值含多个单位或混有清单", WARNING, "measurability", _QUANTIFY,
      "一个指标只计量一种对象、一个单位；不同对象拆成不同指标，清单内容写入指标解释。")
def several_units(table: TargetTable) -> Iterator[Hit]:
    """A target counting several kinds of things at once (台、件、套、项) or a count followed by a list."""
    for indicator in table.indicators:
        stated = targets(indicator)
        if not stated:
            continue
        column, target = stated[-1]
        if len(units_of(target)) > 1:
            yield Hit(f"“{where(indicator)}”的指标值“{target.raw}”含多个单位", line=indicator.line,
                      indicator=indicator.name)
        elif target.kind == "quantity" and target.note and "、" in target.note:
            yield Hit(f"“{where(indicator)}”的指标值“{target.raw}”在数值后混有清单", line=indicator.line,
                      indicator=indicator.name)


@rule("JX210", "满意度目标低于85%", INFO, "measurability", PRACTICE,
      "满意度一般以问卷调查的百分比计，目标通常为90%，不宜低于85%。")
def satisfaction_low(table: TargetTable) -> Iterator[Hit]:
    """A satisfaction target set below 85%: 90% is the norm and 85% commonly accepted (judged
    so on real tables). A grade such as 满意 is JX202's concern."""
    for indicator in table.indicators:
        if "满意" not in indicator.name:
            continue
        for column, target in targets(indicator):
            if target.kind == "quantity" and target.unit == "%" and target.value is not None and target.value < 85:
                yield Hit(f"“{indicator.name}”的{column}目标为“{target.raw}”，低于常见的85%～90%", line=indicator.line,
                          indicator=indicator.name)


@rule("JX211", "三级指标名称过长", INFO, "measurability", PRACTICE,
      "三级指标名称应简短地说明衡量什么（一般少于15个字），说明性内容写入指标解释。")
def name_too_long(table: TargetTable) -> Iterator[Hit]:
    """A level-3 name that reads as a sentence: 15 characters or more that do not end in what
    is measured (率, 数, 程度 …), two clauses (，；), or 30 and more whatever the ending. A quoted
    proper name (“一门受理、协同办理”) or a bracketed note counts as one word."""
    for indicator in table.indicators:
        written = stem("".join(indicator.name.split()))
        name = _BRACKETED.sub("", _QUOTED.sub("“”", written))
        length = len(name.replace("“", "").replace("”", "")) + name.count("“”")
        if length >= 30 or length >= 15 and not _MEASURED.search(name) or _SENTENCE.search(name):
            yield Hit(f"“{indicator.name}”有 {len(written)} 个字，读来是一句话而不是衡量什么", line=indicator.line,
                      indicator=indicator.name)


@rule("JX212", "指标名称中含有目标值", INFO, "measurability", PRACTICE,
      "名称只写衡量的对象（如“净增高新技术企业数”），目标值写在指标值栏。")
def target_in_name(table: TargetTable) -> Iterator[Hit]:
    """The name states the target (净增高新技术企业超600家), so the name and value can drift apart."""
    for indicator in table.indicators:
        name = stem(indicator.name)
        match = _TARGET_IN_NAME.search(name)
        if match and not is_time_name(name):
            yield Hit(f"名称“{indicator.name}”中含有“{match.group(0)}”", line=indicator.line, indicator=indicator.name)

