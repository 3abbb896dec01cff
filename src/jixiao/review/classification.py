"""Classification (指标归类): each indicator under the level-2 that fits what it measures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Indicator, TargetTable
from jixiao.review.catalog import DOC_10, INFO, PRACTICE, WARNING, ERROR, Hit, rule
from jixiao.review.kinds import (
    MONEY_UNITS, OUTCOME, counts_own_work, stem, is_compliance, is_count, is_duration, is_rate, is_time_name, targets, units_of, where,
)

_FRAMEWORK = f"{DOC_10}：产出分数量、质量、时效、成本，效益分经济、社会、生态、可持续影响，各有其含义"
# The subject a name counts, and the units that subject is counted in; the last subject in the
# name wins (省市项目立项数 counts 项目).
_SUBJECT_UNITS = (
    (re.compile(r"项目|课题"), frozenset("项 个".split())),
    (re.compile(r"企业|公司"), frozenset("家 个 户".split())),
    (re.compile(r"活动|会议|例会|大赛|比赛|沙龙|论坛|路演|培训|讲座|展会|对接会|评审|论证|听证"),
     frozenset("场 次 期 届 个 场次 批 批次".split())),
    (re.compile(r"人才|专家|人员|团队成员"), frozenset("人 名 人次 万人 万人次".split())),
    (re.compile(r"论文"), frozenset("篇".split())),
    (re.compile(r"专利"), frozenset("件 项 个".split())),
)
_PEOPLE = frozenset("人 名 人次 万人 万人次".split())
_HEAD_SUFFIX = re.compile(r"(?:的)?(?:数量|个数|次数|场次|人数|家数|项数|数)$")
# 产能 of farmland, 高新技术企业 grown (the 科技 tables' usual economic effect) and the small
# firms' share of purchases (a standard policy row) are accepted as economic.
_ECONOMIC = re.compile(r"经济|收入|产值|成交额|利润|税|营收|营业|融资|投资|成本|节约|销售|增加值|GDP|资金|金额|价值|效益|产业|增长"
                       r"|产能|产量|高新技术企业|高企|采购份额")
_NOT_SOCIAL = re.compile(r"产值|成交额|利润|税收|营收|营业收入|销售额|增加值|GDP")
_TIME_WORDS = re.compile(r"及时|时间|时限|期限|周期")


def _subject_units(tail: str) -> frozenset[str] | None:
    """The units of the subject named last in the tail of a name: 专家评审 counts reviews."""
    found = [(m.end(), units) for pattern, units in _SUBJECT_UNITS for m in pattern.finditer(tail)]
    return max(found, key=lambda f: f[0])[1] if found else None


def _first_count(indicator: Indicator):
    """The full-year count target, else the half-year one."""
    for _, target in reversed(targets(indicator)):
        if is_count(target):
            return target
    return None


@rule("JX301", "时效指标下是数量", ERROR, "classification", _FRAMEWORK,
      "时效指标衡量完成的及时程度（完成时间、及时率、周期）；计数类指标移到“数量指标”。")
def count_under_timeliness(table: TargetTable) -> Iterator[Hit]:
    """A count (个, 项, 家, 次 …) filed under 时效指标, which measures time, not quantity."""
    for indicator in table.indicators:
        target = _first_count(indicator)
        if indicator.level2 == "时效指标" and target is not None and not is_time_name(indicator.name):
            yield Hit(f"时效指标“{indicator.name}”的指标值“{target.raw}”是数量", line=indicator.line,
                      indicator=indicator.name)


@rule("JX302", "质量指标下是数量", WARNING, "classification", _FRAMEWORK,
      "质量指标衡量达到的标准（合格率、达标率、验收通过率）；计数类指标移到“数量指标”，或改为相应的比率。")
def count_under_quality(table: TargetTable) -> Iterator[Hit]:
    """A count of activities or objects filed under 质量指标, which should be a rate or a standard."""
    for indicator in table.indicators:
        target = _first_count(indicator)
        if indicator.level2 == "质量指标" and target is not None:
            yield Hit(f"质量指标“{indicator.name}”的指标值“{target.raw}”是数量", line=indicator.line,
                      indicator=indicator.name)


@rule("JX303", "数量指标下是比率", WARNING, "classification", _FRAMEWORK,
      "比率类指标（合格率、覆盖率、达标率）移到“质量指标”，数量指标写实际的数量。")
def rate_under_quantity(table: TargetTable) -> Iterator[Hit]:
    """A percentage filed under 数量指标."""
    for indicator in table.indicators:
        stated = targets(indicator)
        if indicator.level2 == "数量指标" and stated and all(is_rate(t) for _, t in stated):
            yield Hit(f"数量指标“{indicator.name}”的指标值“{stated[-1][1].raw}”是比率", line=indicator.line,
                      indicator=indicator.name)


@rule("JX304", "数量或质量指标下是时限", WARNING, "classification", _FRAMEWORK,
      "完成时间、周期、期限类指标移到“时效指标”。")
def time_under_quantity(table: TargetTable) -> Iterator[Hit]:
    """A time limit (≤30天, 完成时间) filed under 数量指标 or 质量指标. A duration to reach or
    pass (上门服务总时长 ≥84000小时, 供餐天数 ≥200天) is a volume of work, not a limit."""
    for indicator in table.indicators:
        if indicator.level2 not in ("数量指标", "质量指标"):
            continue
        stated = targets(indicator)
        limits = stated and all(is_duration(t) and t.comparator not in ("≥", ">") for _, t in stated)
        if limits or _TIME_WORDS.search(indicator.name):
            yield Hit(f"{indicator.level2}“{indicator.name}”衡量的是时间", line=indicator.line, indicator=indicator.name)


@rule("JX305", "效益指标下是项目自身的产出数量", WARNING, "classification", _FRAMEWORK,
      "效益指标写产出带来的效果（增长、改善、带动）；本项目做了多少事属于产出的“数量指标”。")
def output_under_outcome(table: TargetTable) -> Iterator[Hit]:
    """A count (个, 项, 次 …) filed under 效益 whose name counts the project's own work (举办,
    开展, 发放 …). A count of change in those it serves (新增, 带动, 吸纳), of people reached
    (惠及, 受益), of events to avoid (事故 = 0) or of a whole city is an outcome."""
    for indicator in table.indicators:
        target = _first_count(indicator)
        if indicator.level1 == OUTCOME and target is not None and counts_own_work(indicator.name):
            yield Hit(f"效益指标“{where(indicator)}”的指标值“{target.raw}”是产出数量", line=indicator.line,
                      indicator=indicator.name)


@rule("JX306", "计量单位与指标对象不符", WARNING, "classification", PRACTICE,
      "按指标对象选用单位：项目用“项”或“个”，企业用“家”，活动用“场”或“次”，人员用“人”或“名”。")
def unit_contradicts_name(table: TargetTable) -> Iterator[Hit]:
    """The unit does not fit what the name counts: 项目 counted in 家, 企业 in 场."""
    for indicator in table.indicators:
        target = _first_count(indicator)
        if target is None:
            continue
        name = stem(indicator.name).replace("“", "").replace("”", "")
        head = _HEAD_SUFFIX.sub("", name)
        allowed = _subject_units(head[-4:])
        if re.search(r"人数$|人次$", name):
            allowed = _PEOPLE  # 岗前培训人数 counts the people trained, not the trainings
        if allowed is None:
            continue
        units = units_of(target)
        if units and not set(units) <= allowed:
            yield Hit(f"“{indicator.name}”以“{target.unit}”计量，与指标对象不符", line=indicator.line,
                      indicator=indicator.name)


@rule("JX307", "合规性指标重复列为产出质量指标", INFO, "classification", PRACTICE,
      "资金使用合规性已是过程指标；产出质量指标应衡量产出本身的质量（如服务达标率、验收合格率）。")
def compliance_as_quality(table: TargetTable) -> Iterator[Hit]:
    """A compliance indicator (经费支出合规性) under 产出/质量指标, repeating the 过程 block."""
    for indicator in table.indicators:
        if indicator.level2 == "质量指标" and is_compliance(indicator.name):
            yield Hit(f"质量指标“{indicator.name}”衡量的是资金合规，而非产出质量", line=indicator.line,
                      indicator=indicator.name)


@rule("JX308", "效益类别与指标内容不符", INFO, "classification", _FRAMEWORK,
      "经济效益写经济方面的效果（产值、收入、成交额、节约资金），社会效益写社会方面的效果；按内容调整类别。")
def benefit_misfiled(table: TargetTable) -> Iterator[Hit]:
    """An indicator under 经济效益 with nothing economic about it, or a purely economic one
    (产值, 成交额, 税收) under 社会效益. A count of the project's own work under 效益 is JX305's
    finding; moving it to 社会效益 would not mend it, so this rule says nothing of it."""
    for indicator in table.indicators:
        money = any(u in MONEY_UNITS for _, t in targets(indicator) for u in units_of(t))
        if indicator.level2 == "经济效益" and not money and not _ECONOMIC.search(indicator.name) \
                and not (_first_count(indicator) is not None and counts_own_work(indicator.name)):
            yield Hit(f"经济效益下的“{indicator.name}”看不出经济方面的效果", line=indicator.line, indicator=indicator.name)
        elif indicator.level2 == "社会效益" and (money or _NOT_SOCIAL.search(indicator.name)):
            yield Hit(f"社会效益下的“{indicator.name}”衡量的是经济效果", line=indicator.line, indicator=indicator.name)
