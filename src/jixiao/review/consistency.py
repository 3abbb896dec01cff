"""Consistency (一致性): half-year against full-year, texts against indicators, no repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.headers import TEXT_LABELS
from jixiao.texts import compact
from jixiao.model import Indicator, TargetTable
from jixiao.review.catalog import DOC_OPINION, ERROR, INFO, PRACTICE, WARNING, Hit, rule
from jixiao.review.claims import Claim, best_indicator, claims_in, likeness, measured_by, same_unit
from jixiao.review.kinds import OUTPUT, is_count, is_progress, is_reverse, targets, where

_MONITORING = (f"财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》：年中对照绩效目标监控目标完成和预算执行进度（“双监控”）；"
               f"{DOC_OPINION}也要求双监控")
_GOALS = f"{PRACTICE}：绩效指标是对绩效目标的细化，两者的数字应一一对应（表中“绩效指标明确性”即此要求）"
_LONG_TERM = ("long_term_goal", "overall_goal")
_PERIODS = {"十三五": 2020, "十四五": 2025}
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")
_LOOKING_BACK = re.compile(r"前期|基础上|回顾|总结|评估|已经|已于|期间完成")
_SPENDING_PROGRESS = re.compile(r"支出时效|支出进度|支付进度")
_NOT_SPENDING_PROGRESS = re.compile(r"符合|控制|及时")
_FREQUENCY = (("双月", 6), ("每季度", 4), ("季度", 4), ("每月", 12), ("月度", 12), ("半年", 2))


def _quantified(table: TargetTable) -> list[Indicator]:
    return [i for i in table.indicators if i.full_year is not None and i.full_year.kind == "quantity"]


@rule("JX401", "半年指标值大于全年指标值", ERROR, "consistency", _MONITORING,
      "累计类指标的半年值应是全年值的一部分，按计划进度填写，不得大于全年值。")
def half_exceeds_full(table: TargetTable) -> Iterator[Hit]:
    """For a cumulative measure (same unit, ≥ or = on both), the half-year target above the full-year one."""
    for indicator in table.indicators:
        half, full = indicator.half_year, indicator.full_year
        if half is None or full is None or half.kind != "quantity" or full.kind != "quantity":
            continue
        if half.unit == full.unit and half.value is not None and full.value is not None and half.value > full.value \
                and not is_reverse(indicator.name) and half.comparator != "≤":
            yield Hit(f"“{where(indicator)}”半年“{half.raw}”大于全年“{full.raw}”", line=indicator.line,
                      indicator=indicator.name)


@rule("JX402", "产出数量指标用了“≤”", ERROR, "consistency", PRACTICE,
      "产出数量是正向指标，用“≥”写下限（如“≥6场”）；“≤”是上限，一场不办也算达标。")
def ceiling_on_output(table: TargetTable) -> Iterator[Hit]:
    """A count of the project's own outputs capped with ≤ or <: doing nothing meets it."""
    for indicator in table.indicators:
        if indicator.level1 != OUTPUT or is_reverse(indicator.name):
            continue
        capped = [f"{column}“{t.raw}”" for column, t in targets(indicator) if is_count(t) and t.comparator in ("≤", "<")]
        if capped:
            yield Hit(f"产出指标“{indicator.name}”的指标值为{'、'.join(capped)}，是上限而非下限", line=indicator.line,
                      indicator=indicator.name)


@rule("JX403", "进度类指标用了“≤”", WARNING, "consistency", _MONITORING,
      "支出进度、完成率是正向指标，写“≥50%”（半年）、“=100%”（全年）；“≤”在一分钱不花时也达标。")
def ceiling_on_progress(table: TargetTable) -> Iterator[Hit]:
    """Spending or completion progress (执行率, 支出时效性, 完成率) capped with ≤."""
    for indicator in table.indicators:
        if not (is_progress(indicator.name) or "支出时效" in indicator.name):
            continue
        if "控制" in indicator.name:
            continue
        capped = [f"{column}“{t.raw}”" for column, t in targets(indicator) if t.kind == "quantity" and t.comparator in ("≤", "<")]
        if capped:
            yield Hit(f"“{where(indicator)}”为{'、'.join(capped)}", line=indicator.line, indicator=indicator.name)


# Rates measured against the plan to date, so that the same value holds at mid-year and at the
# year's end: the standard rows of the department forms.
_TO_DATE = re.compile(r"政府采购执行率|采购计划执行率|非税收入.{0,4}完成率")


@rule("JX404", "进度类指标半年值与全年值相同", WARNING, "consistency", _MONITORING,
      "半年值应按序时进度填写（如预算执行率半年“≥50%”、全年“=100%”）；半年即全部完成的，说明原因。")
def half_equals_full_progress(table: TargetTable) -> Iterator[Hit]:
    """A progress measure (预算执行率, 完成率) or a 完成 schedule whose half-year target is the full-year one."""
    for indicator in table.indicators:
        half, full = indicator.half_year, indicator.full_year
        if half is None or full is None:
            continue
        same_progress = is_progress(indicator.name) and half.kind == "quantity" and half.value == full.value \
            and half.unit == full.unit and half.value not in (None, Decimal(0)) and not is_reverse(indicator.name) \
            and not _TO_DATE.search(indicator.name)
        same_schedule = half.kind == "schedule" and full.kind == "schedule" and half.token == full.token == "完成"
        if same_progress or same_schedule:
            yield Hit(f"“{where(indicator)}”半年“{half.raw}”与全年“{full.raw}”相同", line=indicator.line,
                      indicator=indicator.name)


@rule("JX405", "半年预算执行率与半年支出计划不符", ERROR, "consistency", _MONITORING,
      "半年预算执行率应等于半年计划执行数÷全年预算数；调整其中之一，使两者一致。")
def half_year_rate_vs_plan(table: TargetTable) -> Iterator[Hit]:
    """The half-year 预算执行率 target against the half-year spending plan: plan ÷ budget,
    within one percentage point."""
    plans = [e for e in table.expenditures if e.annual_wan is not None]
    annual = sum((e.annual_wan for e in plans), Decimal(0))
    if not plans or annual == 0:
        return
    half = sum((e.half_year_wan for e in plans if e.half_year_wan is not None), Decimal(0))
    blank = sum((e.annual_wan for e in plans if e.half_year_wan is None), Decimal(0))
    # Lines with a blank half-year plan could be spent anywhere from nothing to all of it.
    low, high = half / annual * 100, (half + blank) / annual * 100
    for indicator in table.indicators:
        target = indicator.half_year
        if indicator.name != "预算执行率" or target is None or target.kind != "quantity" or target.unit != "%":
            continue
        value = target.value
        met = {"=": low - 1 <= value <= high + 1, "≥": value <= high + 1, ">": value < high + 1,
               "≤": value >= low - 1, "<": value > low - 1, None: low - 1 <= value <= high + 1}[target.comparator]
        if met:
            continue
        message = (f"半年预算执行率目标为“{target.raw}”，而半年计划执行数 {half} 万元÷全年预算数 {annual} 万元 = "
                   f"{low.quantize(Decimal('0.01'))}%")
        if blank:
            message += f"；{blank} 万元的支出没有半年计划，即使全部支出也只有 {high.quantize(Decimal('0.01'))}%"
        yield Hit(message, line=indicator.line, indicator=indicator.name)


@rule("JX406", "年度目标中的数字与指标值不一致", ERROR, "consistency", _GOALS,
      "统一年度目标文字和指标值中的数字与单位；以测算为准，两处同时修改。")
def goal_contradicts_indicator(table: TargetTable) -> Iterator[Hit]:
    """A figure in 年度目标 about the same thing as an indicator (a name like the clause's
    subject) but with a different number. A figure for a whole list (进社区、校园、商圈活动20场)
    that indicators of its items add up to (进社区 ≥10场, 进校园 ≥10场) is no contradiction."""
    text = table.texts.get("annual_goal") or ""
    indicators = _quantified(table)
    for claim in claims_in(text):
        indicator = best_indicator(claim, indicators)
        if indicator is None:
            continue
        target = indicator.full_year
        if same_unit(claim.unit, target.unit) and claim.value != target.value and not _parts_of(claim, indicators):
            yield Hit(f"年度目标“{claim.text}”为 {claim.value}{claim.unit}，指标“{indicator.name}”为“{target.raw}”",
                      line=table.line_of("annual_goal", claim.text), indicator=indicator.name)


def _parts_of(claim: Claim, indicators: list[Indicator]) -> bool:
    """Two or more indicators like a list's figure, in its unit, adding up to at most it."""
    if not claim.whole_list:
        return False
    parts = [i.full_year.value for i in indicators if same_unit(claim.unit, i.full_year.unit)
             and i.full_year.value is not None and likeness(i.name, claim.subject) >= 0.3]
    return len(parts) >= 2 and sum(parts) <= claim.value


@rule("JX407", "中长期目标与年度目标的数字相矛盾", ERROR, "consistency", _GOALS,
      "核对中长期（总）目标与年度目标：同一事项的中长期目标不应低于年度目标；确属同一年度的，两处数字应一致。")
def long_term_below_annual(table: TargetTable) -> Iterator[Hit]:
    """A figure in 中长期目标 or 项目总目标 lower than the figure for the same thing in 年度目标
    or its indicator: a longer horizon cannot aim lower."""
    annual_text = table.texts.get("annual_goal") or ""
    annual = claims_in(annual_text)
    indicators = _quantified(table)
    for key in _LONG_TERM:
        text = table.texts.get(key) or ""
        if not text or compact(text) == compact(annual_text):
            continue
        for claim in claims_in(text):
            alike = [(likeness(a.subject, claim.subject), a) for a in annual if a.unit == claim.unit]
            best = max(alike, key=lambda pair: pair[0], default=(0.0, None))
            rivals = [(f"年度目标“{best[1].text}”", best[1].value)] if best[0] >= 0.6 else []
            indicator = best_indicator(claim, indicators)
            if indicator is not None and same_unit(claim.unit, indicator.full_year.unit):
                rivals.append((f"指标“{indicator.name}”“{indicator.full_year.raw}”", indicator.full_year.value))
            higher = [label for label, value in rivals if value is not None and value > claim.value]
            if higher:
                yield Hit(f"{TEXT_LABELS[key]}“{claim.text}”低于{'和'.join(higher)}", line=table.line_of(key, claim.text),
                          indicator=indicator.name if indicator is not None else None)


@rule("JX408", "年度目标中的量化目标没有对应指标", WARNING, "consistency", _GOALS,
      "为年度目标中的每个量化目标设置对应的三级指标，或从年度目标中删去不打算考核的数字。")
def goal_without_indicator(table: TargetTable) -> Iterator[Hit]:
    """A figure in 年度目标 that no indicator measures. How often something is done (每周1次)
    and the project's own money (合计300万元) are no results to measure."""
    indicators = _quantified(table)
    for claim in claims_in(table.texts.get("annual_goal") or ""):
        if claim.target and measured_by(claim, indicators) is None:
            yield Hit(f"年度目标“{claim.text}”没有对应的绩效指标", line=table.line_of("annual_goal", claim.text))


@rule("JX409", "中长期目标与年度目标完全相同", WARNING, "consistency", PRACTICE,
      "中长期目标写项目整个周期（或三至五年）要达到的目标，年度目标写本年度的目标，两者应分别填写。")
def long_term_copied(table: TargetTable) -> Iterator[Hit]:
    """中长期目标 (or 项目总目标) identical to 年度目标 once spacing is ignored, on a table
    that spans more than a year: a department's, or a project that does not start and end in
    one year (开始/完成时间) and whose total is not its year's amount."""
    if table.kind == "project" and _one_year(table):
        return
    annual = compact(table.texts.get("annual_goal") or "")
    for key in _LONG_TERM:
        text = table.texts.get(key)
        if annual and text and compact(text) == annual:
            yield Hit(f"{TEXT_LABELS[key]}与年度目标一字不差", line=table.line_of(key))


def _one_year(table: TargetTable) -> bool:
    years = [re.search(r"20\d\d", t or "") for t in (table.start, table.end)]
    if all(years) and years[0].group(0) == years[1].group(0):
        return True
    total, year = table.total_amount_wan, table.current_year_amount_wan
    return total is not None and total == year


@rule("JX410", "指标重复", WARNING, "consistency", PRACTICE, "删除重复的指标，或改写名称说明两者的区别。")
def duplicate_indicator(table: TargetTable) -> Iterator[Hit]:
    """The same level-3 name twice under the same level-1."""
    seen: dict[tuple[str | None, str], Indicator] = {}
    for indicator in table.indicators:
        key = (indicator.level1, compact(indicator.name))
        if key in seen:
            yield Hit(f"“{indicator.name}”与第 {seen[key].line} 行的指标重复", line=indicator.line, indicator=indicator.name)
        else:
            seen[key] = indicator


@rule("JX411", "目标提及已结束的规划期", WARNING, "consistency", PRACTICE,
      "按本年度所处的规划期（如2026年起为“十五五”）表述目标。")
def ended_period(table: TargetTable) -> Iterator[Hit]:
    """A text or indicator of a year after a five-year plan ended that still aims at that plan
    (a clause that looks back on it, 在前期……评估基础上, is fine)."""
    if table.year is None:
        return
    for period, last_year in _PERIODS.items():
        if table.year <= last_year:
            continue
        for key, text in table.texts.items():
            if period not in text:
                continue  # no clause of it can aim at the period
            for sentence in _SENTENCE.findall(text):
                aims = [c for c in _CLAUSE.findall(sentence) if period in c and not _LOOKING_BACK.search(c)]
                if aims:
                    # The clause that aims at it; a bare “十四五”末 is quoted with its sentence.
                    quoted = aims[0].strip() if len(aims[0].strip()) >= 10 else sentence.strip()
                    quoted = quoted if len(quoted) <= 40 else quoted[:40] + "……"
                    yield Hit(f"{table.year}年的{TEXT_LABELS.get(key, key)}仍以“{period}”为目标：“{quoted}”"
                              f"（{period}已于{last_year}年结束）", line=table.line_of(key, period))
        for indicator in table.indicators:
            if period in indicator.name:
                yield Hit(f"{table.year}年的指标“{indicator.name}”提到“{period}”", line=indicator.line,
                          indicator=indicator.name)


@rule("JX412", "指标名称中的频次与指标值不符", WARNING, "consistency", PRACTICE,
      "按名称所示的频次核定全年次数（双月一次即全年6次，每季度一次即4次）。")
def frequency_mismatch(table: TargetTable) -> Iterator[Hit]:
    """A name with a frequency (双月, 季度, 每月) whose full-year count is another number."""
    for indicator in table.indicators:
        target = indicator.full_year
        if target is None or not is_count(target) or target.value is None:
            continue
        expected = next((n for word, n in _FREQUENCY if word in indicator.name), None)
        if expected is not None and target.value != expected:
            yield Hit(f"“{indicator.name}”按名称全年应为 {expected} 次，指标值为“{target.raw}”", line=indicator.line,
                      indicator=indicator.name)


@rule("JX413", "半年与全年指标值的单位或类型不同", WARNING, "consistency", _MONITORING,
      "半年和全年指标值用同一口径（同一单位、同为数值或同为等级），年中才能对照全年目标。")
def half_full_mismatch(table: TargetTable) -> Iterator[Hit]:
    """Half-year and full-year targets of different kinds or units: the half cannot lead to the full."""
    for indicator in table.indicators:
        half, full = indicator.half_year, indicator.full_year
        if half is None or full is None or "序时进度" in (half.token, full.token):
            continue
        if half.kind == full.kind == "quantity" and half.unit != full.unit:
            yield Hit(f"“{where(indicator)}”半年“{half.raw}”与全年“{full.raw}”单位不同", line=indicator.line,
                      indicator=indicator.name)
        elif {half.kind, full.kind} == {"quantity", "qualitative"}:
            yield Hit(f"“{where(indicator)}”半年“{half.raw}”与全年“{full.raw}”一个是数值、一个是等级",
                      line=indicator.line, indicator=indicator.name)


@rule("JX414", "不同栏目的文字相互照抄", INFO, "consistency", PRACTICE,
      "立项依据、必要性、可行性、实施内容各有其用途，应分别写明。")
def copied_texts(table: TargetTable) -> Iterator[Hit]:
    """One of 概述, 立项依据, 必要性, 可行性, 实施内容 the same as another, or copied whole into it."""
    keys = ("overview", "basis", "necessity", "feasibility", "content", "plan", "funding_basis")
    seen: dict[str, str] = {}
    for key in keys:
        text = compact(table.texts.get(key) or "")
        if len(text) < 10:
            continue
        for other, other_key in seen.items():
            if text == other:
                yield Hit(f"“{TEXT_LABELS[key]}”与“{TEXT_LABELS[other_key]}”相同", line=table.line_of(key))
                break
            if len(min(text, other, key=len)) >= 30 and (text in other or other in text):
                inner, outer = (key, other_key) if text in other else (other_key, key)
                yield Hit(f"“{TEXT_LABELS[inner]}”整段照抄自“{TEXT_LABELS[outer]}”", line=table.line_of(key))
                break
        seen[text] = key


@rule("JX416", "两处半年支出进度不一致", INFO, "consistency", _MONITORING,
      "同一张表中半年支出进度只应有一个口径：时效指标中的支出进度应与半年预算执行率一致。")
def two_half_year_progress(table: TargetTable) -> Iterator[Hit]:
    """A spending-progress indicator (支出时效性, 支付进度) whose half-year % differs from the
    half-year 预算执行率 by more than one point."""
    rate = next((i.half_year for i in table.indicators if i.name == "预算执行率" and i.half_year is not None
                 and i.half_year.kind == "quantity" and i.half_year.unit == "%"), None)
    if rate is None or rate.value is None:
        return
    for indicator in table.indicators:
        half = indicator.half_year
        if not _SPENDING_PROGRESS.search(indicator.name) or _NOT_SPENDING_PROGRESS.search(indicator.name):
            continue
        if half is not None and half.kind == "quantity" and half.unit == "%" and abs(half.value - rate.value) > 1:
            yield Hit(f"“{indicator.name}”半年“{half.raw}”与半年预算执行率“{rate.raw}”不一致", line=indicator.line,
                      indicator=indicator.name)


# Counters used for the same things: an event in 次 or 场; an item (a patent, a result) in 项 or 件.
_INTERCHANGEABLE = (frozenset("次 场 场次".split()), frozenset("项 件".split()))


@rule("JX417", "年度目标与指标的计量单位不同", INFO, "consistency", _GOALS,
      "同一事项在年度目标和指标中使用同一计量单位。")
def goal_unit_differs(table: TargetTable) -> Iterator[Hit]:
    """The same figure for the same thing in 年度目标 and an indicator, counted in different units
    (10项 and ≥10场). An event counted in 次 or 场, an item in 项 or 件, is one either way."""
    indicators = _quantified(table)
    for claim in claims_in(table.texts.get("annual_goal") or ""):
        indicator = best_indicator(claim, indicators)
        if indicator is None or indicator.full_year.unit is None:
            continue
        units = {claim.unit, indicator.full_year.unit}
        if claim.value == indicator.full_year.value and not same_unit(claim.unit, indicator.full_year.unit) \
                and not any(units <= group for group in _INTERCHANGEABLE):
            yield Hit(f"年度目标“{claim.text}”以“{claim.unit}”计，指标“{indicator.name}”以“{indicator.full_year.unit}”计",
                      line=table.line_of("annual_goal", claim.text), indicator=indicator.name)
