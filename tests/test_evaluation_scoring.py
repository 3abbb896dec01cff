"""Self-evaluation scores computed by hand, table by table, with the arithmetic written out.

Every expected figure below was worked out on paper from the rules of DOMAIN.md C.1 (the
self-evaluation template of 财预〔2020〕10号 and a provincial platform's scoring), not copied
from the program's output. Weights are exact (50/3, not 16.67); only the total is rounded,
to two places, half up.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.config import DEFAULTS, from_mapping
from jixiao.evaluation import EvaluationError, evaluate, q2
from yearly import read_actuals, target_table, year_end

D = Decimal


def scored(tmp_path, indicators, values, spent="100", budget="100", settings=DEFAULTS, **table_args):
    table = target_table(tmp_path, indicators, total=budget, **table_args)
    actuals = read_actuals(tmp_path, table, values, [("合计", budget, "12", spent)] if spent is not None else [])
    return evaluate(table, actuals, settings)


def by_name(result):
    return {s.indicator.name: s for s in result.scores}


# ------------------------------------------------------------------ table 1: DOMAIN.md C.1 worked example
WORKED = [
    ("产出指标", "数量指标", "服务企业数", "", "≥1800家"),
    ("产出指标", "数量指标", "举办活动", "", "≥2场"),
    ("产出指标", "数量指标", "培训人数", "", "≥10人"),
    ("效益指标", "社会效益", "社会影响", "", "显著"),
    ("满意度指标", "服务对象满意度", "服务对象满意度", "", "≥90%"),
]
WORKED_VALUES = [
    year_end("服务企业数", "1500家"),
    year_end("举办活动", "2场"),
    year_end("培训人数", "14人"),
    year_end("社会影响", "部分达成年度指标并具有一定效果"),
    year_end("服务对象满意度", "92%"),
]


def test_worked_example_at_75_percent_gives_83_72_and_good(tmp_path):
    # 产出 50 over three indicators: 50/3 = 16.666… each.
    #   a  ≥1800, actual 1500: 50/3 × 1500/1800 = 50/3 × 5/6 = 13.888…
    #   b  ≥2, actual 2: met, 16.666…
    #   c  ≥10, actual 14: met, 16.666…; 14 is 40% above 10 (≥ 30%): −2 → 14.666…
    # 效益 30, 部分达成 at the middle of [60%, 80%): 30 × 70% = 21
    # 满意度 10: 92% ≥ 90% (2.2% above, no deduction): 10
    # 执行率 75 ÷ 100 = 75%: 10 × 0.75 = 7.5
    # total 13.888… + 16.666… + 14.666… + 21 + 10 + 7.5 = 83.7222… → 83.72
    # 75% is in [70%, 80%): cap 89, not reached; 80 ≤ 83.72 < 90: 良
    result = scored(tmp_path, WORKED, WORKED_VALUES, spent="75")
    s = by_name(result)
    assert s["服务企业数"].score == D(50) / 3 * 1500 / 1800
    assert q2(s["服务企业数"].score) == D("13.89")
    assert s["举办活动"].score == D(50) / 3
    assert s["培训人数"].deduction == 2 and q2(s["培训人数"].score) == D("14.67")
    assert s["社会影响"].score == 21 and s["服务对象满意度"].score == 10
    assert result.execution.score == D("7.5")
    assert result.cap == 89
    assert result.shown_total == D("83.72")
    assert result.grade == "良"


def test_worked_example_at_55_percent_is_capped_at_69(tmp_path):
    # Same indicators; 执行率 55%: 10 × 0.55 = 5.5; sum 45.222… + 21 + 10 + 5.5 = 81.7222…
    # 55% is below 60%: the total may be at most 69 → 69; 60 ≤ 69 < 80: 中
    result = scored(tmp_path, WORKED, WORKED_VALUES, spent="55")
    assert q2(result.scaled) == D("81.72")
    assert result.cap == 69
    assert result.shown_total == D("69.00")
    assert result.grade == "中"


# ------------------------------------------------------------------ table 2: every comparator
def test_every_comparator(tmp_path):
    # 产出 50 over five indicators: 10 each.
    #   ≥200人, actual 150: 10 × 150/200 = 7.5
    #   >4项, actual 5: met, 10 (25% above: under the 30% of a deviation)
    #   =100%, actual 95%: scored like ≥: 10 × 95/100 = 9.5
    #   ≤50元, actual 60: reverse, 10 × (1 − (60 − 50)/50) = 10 × 0.8 = 8
    #   <5次, actual 3: within the target, 10
    # 效益 30, 达成: 30 × 100% = 30;  满意度 10: 90% ≥ 90%: 10;  执行率 100%: 10
    # total 7.5 + 10 + 9.5 + 8 + 10 + 30 + 10 + 10 = 95 → 优
    result = scored(tmp_path, [
        ("产出指标", "数量指标", "服务人数", "", "≥200人"),
        ("产出指标", "数量指标", "合作项目", "", ">4项"),
        ("产出指标", "质量指标", "验收合格率", "", "=100%"),
        ("产出指标", "成本指标", "单位成本", "", "≤50元"),
        ("产出指标", "质量指标", "投诉次数", "", "<5次"),
        ("效益指标", "社会效益", "群众获得感", "", "明显提升"),
        ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
    ], [year_end("服务人数", "150人"), year_end("合作项目", "5项"), year_end("验收合格率", "95%"),
        year_end("单位成本", "60元"), year_end("投诉次数", "3次"), year_end("群众获得感", "达成年度指标"),
        year_end("满意度", "90%")])
    s = by_name(result)
    assert [s[n].score for n in ("服务人数", "合作项目", "验收合格率", "单位成本", "投诉次数")] == \
        [D("7.5"), 10, D("9.5"), 8, 10]
    assert s["合作项目"].deduction == 0
    assert s["单位成本"].method == "反向" and s["投诉次数"].method == "反向"
    assert result.total == 95 and result.grade == "优"


# ------------------------------------------------------------------ table 3: qualitative bands and =0
QUALITATIVE = [
    ("产出指标", "质量指标", "安全事故", "", "=0起"),
    ("产出指标", "质量指标", "违规次数", "", "=0次"),
    ("效益指标", "社会效益", "制度健全", "", "健全"),
    ("效益指标", "社会效益", "带动作用", "", "显著"),
    ("效益指标", "可持续影响", "长效机制", "", "完善"),
    ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
]
QUALITATIVE_VALUES = [
    year_end("安全事故", "0起"), year_end("违规次数", "1次"),
    year_end("制度健全", "达成年度指标"),
    year_end("带动作用", "部分达成年度指标并具有一定效果", 偏差原因类别="经费", 偏差原因说明="配套资金晚到"),
    year_end("长效机制", "未达成年度指标且效果较差", 偏差原因类别="制度"),
    year_end("满意度", "80%"),
]


def test_qualitative_grades_and_equal_to_zero(tmp_path):
    # 产出 50 over two: 25 each.  =0, actual 0: 25.  =0, actual 1: above 0, 0 points.
    # 效益 30 over three qualitative: 10 each.
    #   达成 100% → 10;  部分达成 70% (middle of [60, 80)) → 7;  未达成 30% (middle of [0, 60)) → 3
    # 满意度 10: ≥90%, actual 80%: 10 × 80/90 = 8.888…
    # 执行率 90 ÷ 100: 10 × 0.9 = 9
    # total 25 + 0 + 10 + 7 + 3 + 8.888… + 9 = 62.888… → 62.89; 90% rate: no cap; 中
    result = scored(tmp_path, QUALITATIVE, QUALITATIVE_VALUES, spent="90")
    s = by_name(result)
    assert (s["安全事故"].score, s["违规次数"].score) == (25, 0)
    assert (s["制度健全"].score, s["带动作用"].score, s["长效机制"].score) == (10, 7, 3)
    assert s["满意度"].score == D(10) * 80 / 90
    assert result.shown_total == D("62.89") and result.grade == "中"


def test_a_bureau_sets_its_own_qualitative_shares(tmp_path):
    # The local variant 100–80 / 80–50 / 50–0, with a bureau giving 90%, 60% and 0%:
    # 效益 becomes 9 + 6 + 0 = 15 instead of 20: 62.888… − 5 = 57.888… → 57.89, below 60: 差
    settings = from_mapping({"evaluation": {
        "qualitative_bands": {"达成": [80, 100], "部分达成": [50, 80], "未达成": [0, 50]},
        "qualitative_share": {"达成": 90, "部分达成": 60, "未达成": 0}}})
    result = scored(tmp_path, QUALITATIVE, QUALITATIVE_VALUES, spent="90", settings=settings)
    s = by_name(result)
    assert (s["制度健全"].score, s["带动作用"].score, s["长效机制"].score) == (9, 6, 0)
    assert result.shown_total == D("57.89") and result.grade == "差"


# ------------------------------------------------------------------ table 4: the deviation deduction
DEVIATION = [
    ("产出指标", "数量指标", "新建站点", "", "≥10个"),
    ("产出指标", "数量指标", "服务人次", "", "≥100人次"),
    ("效益指标", "社会效益", "受益人数", "", "≥1000人"),
    ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
]
DEVIATION_VALUES = [year_end("新建站点", "13个"), year_end("服务人次", "129人次"), year_end("受益人数", "5000人"),
                    year_end("满意度", "99%")]


def test_deviation_of_30_percent_or_more_loses_two_points(tmp_path):
    # 产出 50 over two: 25 each.
    #   ≥10, actual 13: (13 − 10)/10 = 30% exactly → a deviation: 25 − 2 = 23
    #   ≥100, actual 129: 29% → no deduction: 25
    # 效益 30: ≥1000, actual 5000: 400% above: 30 − 2 = 28
    # 满意度 10: 99% is 10% above 90%: 10;  执行率 100%: 10
    # total 23 + 25 + 28 + 10 + 10 = 96 → 优
    result = scored(tmp_path, DEVIATION, DEVIATION_VALUES)
    s = by_name(result)
    assert s["新建站点"].deviation == 30 and s["新建站点"].score == 23
    assert s["服务人次"].deduction == 0 and s["服务人次"].score == 25
    assert s["受益人数"].score == 28
    assert result.total == 96 and result.grade == "优"


def test_deviation_deduction_can_be_turned_off(tmp_path):
    # With no deduction every indicator is met: 25 + 25 + 30 + 10 + 10 = 100
    settings = from_mapping({"evaluation": {"deviation_deduction": 0}})
    assert scored(tmp_path, DEVIATION, DEVIATION_VALUES, settings=settings).total == 100


# ------------------------------------------------------------------ table 5: each cap by execution rate
ALL_MET = [
    ("产出指标", "数量指标", "完成任务", "", "≥10个"),
    ("效益指标", "社会效益", "社会效果", "", "显著"),
    ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
]
ALL_MET_VALUES = [year_end("完成任务", "10个"), year_end("社会效果", "达成年度指标"), year_end("满意度", "95%")]


@pytest.mark.parametrize("spent, before_cap, cap, total, grade", [
    # indicators 50 + 30 + 10 = 90; execution 10 × rate (at most 10)
    ("110", "100", None, "100", "优"),   # 110%: 10 × min(1.1, 1) = 10 → 100, no cap
    ("85", "98.5", None, "98.5", "优"),  # 85%: 8.5 → 98.5, no cap at 80% or more
    ("80", "98", None, "98", "优"),      # 80% exactly: not below 80%, no cap
    ("79", "97.9", "89", "89", "良"),    # below 80%: at most 89
    ("75", "97.5", "89", "89", "良"),
    ("65", "96.5", "79", "79", "中"),    # below 70%: at most 79
    ("55", "95.5", "69", "69", "中"),    # below 60%: at most 69
    ("45", "94.5", "59", "59", "差"),    # below 50%: at most 59
])
def test_each_cap_by_execution_rate(tmp_path, spent, before_cap, cap, total, grade):
    result = scored(tmp_path, ALL_MET, ALL_MET_VALUES, spent=spent)
    assert result.scaled == D(before_cap)
    assert result.cap == (D(cap) if cap else None)
    assert result.total == D(total) and result.grade == grade


# ------------------------------------------------------------------ table 6: reverse indicators
REVERSE = [
    ("产出指标", "质量指标", "差错率", "", "≤5%"),
    ("产出指标", "数量指标", "处理量", "", "≥100件"),
    ("效益指标", "社会效益", "办理时限", "", "≤10天"),
    ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
]
REVERSE_VALUES = [year_end("差错率", "6%", 分值="10"), year_end("处理量", "100件", 分值="40"),
                  year_end("办理时限", "25天"), year_end("满意度", "90%")]


def test_reverse_indicator_by_the_platform_rule(tmp_path):
    # 产出 50 with the unit's own weights: 差错率 10, 处理量 40.
    #   ≤5%, actual 6%: 10 × (1 − (6 − 5)/5) = 10 × 0.8 = 8.0   (DOMAIN.md C.1: 8.0)
    #   ≥100件, actual 100: 40
    # 效益 30: ≤10天, actual 25: at least twice the target → 0
    # 满意度 10;  执行率 100%: 10
    # total 8 + 40 + 0 + 10 + 10 = 68 → 中
    result = scored(tmp_path, REVERSE, REVERSE_VALUES)
    s = by_name(result)
    assert s["差错率"].weight == 10 and s["处理量"].weight == 40
    assert s["差错率"].score == 8 and s["办理时限"].score == 0
    assert result.total == 68 and result.grade == "中"


def test_reverse_indicator_by_the_ratio_variant(tmp_path):
    # weight × target / actual:
    #   差错率 10 × 5/6 = 8.333…   (DOMAIN.md C.1: 8.33)
    #   办理时限 30 × 10/25 = 12
    # total 8.333… + 40 + 12 + 10 + 10 = 80.333… → 80.33 → 良
    settings = from_mapping({"evaluation": {"reverse_rule": "ratio"}})
    result = scored(tmp_path, REVERSE, REVERSE_VALUES, settings=settings)
    s = by_name(result)
    assert q2(s["差错率"].score) == D("8.33") and s["办理时限"].score == 12
    assert result.shown_total == D("80.33") and result.grade == "良"


# ------------------------------------------------------------------ weights, missing blocks, department tables
def test_set_weights_leave_the_rest_shared_equally(tmp_path):
    # 产出 50: 甲 set to 20; 乙 and 丙 share the remaining 30: 15 each.
    # 乙 ≥10, actual 5: 15 × 5/10 = 7.5.  Everything else met.
    # total 20 + 7.5 + 15 + 30 + 10 + 10 = 92.5 → 优
    result = scored(tmp_path, [
        ("产出指标", "数量指标", "甲", "", "≥1个"), ("产出指标", "数量指标", "乙", "", "≥10个"),
        ("产出指标", "数量指标", "丙", "", "≥1个"), ("效益指标", "社会效益", "丁", "", "显著"),
        ("满意度指标", "服务对象满意度", "满意度", "", "≥90%"),
    ], [year_end("甲", "1个", 分值="20"), year_end("乙", "5个"), year_end("丙", "1个"), year_end("丁", "达成年度指标"),
        year_end("满意度", "90%")])
    s = by_name(result)
    assert (s["甲"].weight, s["乙"].weight, s["丙"].weight) == (20, 15, 15)
    assert s["乙"].score == D("7.5") and result.total == D("92.5")


def test_a_missing_block_is_left_out_and_the_rest_scaled_to_100(tmp_path):
    # No 满意度 indicator: 产出 50 (half done: 25) + 效益 30 + 执行率 10 = 65 of 90 possible.
    # Scaled: 65 × 100 / 90 = 72.222… → 72.22 → 中.  Without scaling: 65 → 中.
    indicators = [("产出指标", "数量指标", "任务", "", "≥10个"), ("效益指标", "社会效益", "效果", "", "显著")]
    values = [year_end("任务", "5个"), year_end("效果", "达成年度指标")]
    result = scored(tmp_path, indicators, values)
    assert result.subtotal == 65 and result.missing_blocks == {"满意度": 10}
    assert result.shown_total == D("72.22")
    plain = scored(tmp_path, indicators, values, settings=from_mapping({"evaluation": {"rescale_missing": False}}))
    assert plain.total == 65


def test_decision_and_process_blocks_are_not_scored(tmp_path):
    result = scored(tmp_path, [("决策", "项目立项", "立项依据充分性", "充分", "充分")] + ALL_MET, ALL_MET_VALUES)
    assert [i.name for i in result.unscored] == ["立项依据充分性"]
    assert result.total == 100


def test_an_unknown_level1_is_refused_rather_than_guessed(tmp_path):
    with pytest.raises(EvaluationError, match="成本"):
        scored(tmp_path, [("成本指标", "经济成本", "单位成本", "", "≤10元")] + ALL_MET, ALL_MET_VALUES)


DEPARTMENT = [
    ("过程", "预算执行", "预算执行率", "", "=100%"),
    ("过程", "预算管理", "资金使用合规性", "", "合规"),
    ("产出指标", "数量指标", "办结件数", "", "≥500件"),
    ("满意度指标", "服务对象满意度", "群众满意度", "", "≥90%"),
]
DEPARTMENT_VALUES = [year_end("预算执行率", "96%"), year_end("资金使用合规性", "合规"), year_end("办结件数", "400件"),
                     year_end("群众满意度", "95%")]


def test_department_table_without_weights_is_refused(tmp_path):
    with pytest.raises(EvaluationError, match="没有全国统一的默认值"):
        scored(tmp_path, DEPARTMENT, DEPARTMENT_VALUES, kind="部门整体支出")


def test_department_table_with_a_bureaus_weights(tmp_path):
    # 过程 40 over two: 20 each.  =100%, actual 96%: 20 × 96/100 = 19.2;  合规 repeated: 达成, 20.
    # 产出 40: ≥500, actual 400: 40 × 400/500 = 32.   满意度 20: 95% ≥ 90%: 20.
    # No execution points (execution_weight 0), so no cap.
    # total 19.2 + 20 + 32 + 20 = 91.2 → 优
    settings = from_mapping({"evaluation": {"department": {
        "level1_weights": {"过程": 40, "产出": 40, "满意度": 20}, "execution_weight": 0}}})
    result = scored(tmp_path, DEPARTMENT, DEPARTMENT_VALUES, kind="部门整体支出", settings=settings)
    assert result.table.kind == "department"
    s = by_name(result)
    assert (s["预算执行率"].score, s["资金使用合规性"].score, s["办结件数"].score) == (D("19.2"), 20, 32)
    assert result.cap is None and result.total == D("91.2") and result.grade == "优"


def test_missing_year_end_value_scores_zero_and_says_so(tmp_path):
    # 完成任务 has no month-12 value (only June): 0 of 50; the rest 30 + 10 + 10 = 50 → 差
    values = [{"三级指标": "完成任务", "月份": "6", "实际完成值": "5个"}] + ALL_MET_VALUES[1:]
    result = scored(tmp_path, ALL_MET, values)
    assert by_name(result)["完成任务"].score == 0 and "没有全年实际完成值" in by_name(result)["完成任务"].note
    assert result.total == 50 and result.grade == "差"
