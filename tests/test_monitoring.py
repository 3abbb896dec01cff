"""Monitoring at a checkpoint: ratios and colours worked out by hand (DOMAIN.md C.3), the
time-proportional share, half-year targets, reverse and qualitative indicators, the budget
against its schedule, the table's worst colour, and thresholds a bureau sets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.config import ConfigError, DEFAULTS, load
from jixiao.monitoring import BLUE, GREEN, RED, YELLOW, monitor
from yearly import read_actuals, target_table

D = Decimal


def at(month: int, name: str, value: str, **more: str) -> dict[str, str]:
    return {"三级指标": name, "月份": str(month), "实际完成值": value, **more}


def watched(tmp_path, indicators, values, month, spending=(), settings=DEFAULTS, **table_args):
    table = target_table(tmp_path, indicators, **table_args)
    return monitor(table, read_actuals(tmp_path, table, values, spending), month, settings)


def status(result, name):
    return next(s for s in result.indicators if s.indicator.name == name)


def test_the_examples_of_domain_c3(tmp_path):
    # Budget: 30 of 100 spent by June: (30/100) ÷ (6/12) × 100 = 60 → yellow (60 ≤ 60 < 80).
    # Indicator ≥1800 with no half-year target, 700 by June: 700 ÷ (1800 × 6/12) × 100 = 77.8 → yellow.
    result = watched(tmp_path, [("产出指标", "数量指标", "招引项目数", "", "≥1800个")], [at(6, "招引项目数", "700个")], 6,
                     [("合计", "100", "6", "30")])
    assert result.budget.rate == 30 and result.budget.ratio == 60 and result.budget.colour == YELLOW
    s = status(result, "招引项目数")
    assert s.due == 900 and s.ratio == D(700) / 900 * 100 and s.colour == YELLOW
    assert result.colour == YELLOW


@pytest.mark.parametrize("actual, ratio, colour", [
    ("450个", "50", RED),        # 450 ÷ 900 = 50% → red (below 60)
    ("540个", "60", YELLOW),     # 60% exactly → yellow
    ("720个", "80", GREEN),      # 80% exactly → green
    ("1080个", "120", BLUE),     # 120% exactly → blue: far ahead, is the target too low?
])
def test_a_half_year_target_is_what_is_due_in_june(tmp_path, actual, ratio, colour):
    result = watched(tmp_path, [("产出指标", "数量指标", "招引项目数", "≥900个", "≥1800个")],
                     [at(6, "招引项目数", actual)], 6)
    s = status(result, "招引项目数")
    assert s.due == 900 and s.ratio == D(ratio) and s.colour == colour


def test_between_mid_year_and_year_end_the_line_runs_from_half_to_full(tmp_path):
    # Month 9: 900 + (1800 − 900) × 3/6 = 1350; 1080 ÷ 1350 = 80% → green.
    # Month 3: 900 × 3/6 = 450; 300 ÷ 450 = 66.7% → yellow.
    indicators = [("产出指标", "数量指标", "招引项目数", "≥900个", "≥1800个")]
    nine = watched(tmp_path, indicators, [at(9, "招引项目数", "1080个")], 9)
    assert status(nine, "招引项目数").due == 1350 and status(nine, "招引项目数").colour == GREEN
    three = watched(tmp_path, indicators, [at(3, "招引项目数", "300个")], 3)
    assert status(three, "招引项目数").due == 450 and status(three, "招引项目数").colour == YELLOW


def test_schedule_and_rates(tmp_path):
    indicators = [("过程", "资金管理", "资金到位率", "序时进度", "100%"),
                  ("产出指标", "质量指标", "验收合格率", "", "≥95%")]
    # June: 序时进度 = 100% × 6/12 = 50%; 45% ÷ 50% = 90% → green.
    #       A pass rate is no running total: held to 95% all year; 96 ÷ 95 = 101.05% → green.
    june = watched(tmp_path, indicators, [at(6, "资金到位率", "45%"), at(6, "验收合格率", "96%")], 6)
    assert status(june, "资金到位率").due == 50 and status(june, "资金到位率").ratio == 90
    assert status(june, "验收合格率").due == 95 and status(june, "验收合格率").colour == GREEN
    # March: 100% × 3/12 = 25%; 10 ÷ 25 = 40% → red.  The rate is still held to 95%: 80 ÷ 95 = 84.2% → green.
    march = watched(tmp_path, indicators, [at(3, "资金到位率", "10%"), at(3, "验收合格率", "80%")], 3)
    assert status(march, "资金到位率").due == 25 and status(march, "资金到位率").colour == RED
    assert status(march, "验收合格率").colour == GREEN


def test_reverse_and_qualitative_indicators(tmp_path):
    indicators = [("产出指标", "成本指标", "单位成本", "", "≤50元"),
                  ("产出指标", "质量指标", "安全事故", "", "=0起"),
                  ("效益指标", "社会效益", "制度执行", "", "有效"),
                  ("效益指标", "社会效益", "群众获得感", "", "明显提升"),
                  ("效益指标", "社会效益", "带动效果", "", "显著")]
    result = watched(tmp_path, indicators, [
        at(6, "单位成本", "55元"),            # above the cap → red
        at(6, "安全事故", "0起"),             # =0 kept → green
        at(6, "制度执行", "有效"),            # the target's own word → 达成 → green
        at(6, "群众获得感", "部分达成年度指标并具有一定效果", 偏差原因类别="人员"),  # → yellow
        at(6, "带动效果", "未达成年度指标且效果较差"),  # → red
    ], 6)
    assert [status(result, n).colour for n in ("单位成本", "安全事故", "制度执行", "群众获得感", "带动效果")] == \
        [RED, GREEN, GREEN, YELLOW, RED]
    assert result.colour == RED
    under = watched(tmp_path, indicators[:1], [at(6, "单位成本", "45元")], 6)
    assert status(under, "单位成本").colour == GREEN  # a cap is not scaled by the month


def test_the_table_takes_its_worst_colour_and_blue_is_the_mildest(tmp_path):
    # DOMAIN.md C.3: red > yellow > green > blue. Green and blue together → green.
    indicators = [("产出指标", "数量指标", "甲", "≥10个", "≥20个"), ("产出指标", "数量指标", "乙", "≥10个", "≥20个")]
    result = watched(tmp_path, indicators, [at(6, "甲", "10个"), at(6, "乙", "15个")], 6)
    assert (status(result, "甲").colour, status(result, "乙").colour) == (GREEN, BLUE)
    assert result.colour == GREEN


def test_impossible_turns_red_and_a_missing_cause_is_said(tmp_path):
    indicators = [("产出指标", "数量指标", "甲", "≥10个", "≥20个"), ("产出指标", "数量指标", "乙", "≥10个", "≥20个"),
                  ("产出指标", "数量指标", "丙", "≥10个", "≥20个")]
    result = watched(tmp_path, indicators, [at(6, "甲", "10个", 完成可能性="完全不可能"), at(6, "乙", "7个")], 6)
    assert status(result, "甲").colour == RED and "完全不可能" in status(result, "甲").note
    assert status(result, "乙").colour == YELLOW and status(result, "乙").note == "偏离进度，未填写偏差原因"
    assert status(result, "丙").colour is None and status(result, "丙").note == "未填报"
    assert len(result.missing) == 1


def test_the_budget_follows_the_half_year_spending_plan(tmp_path):
    # Planned by June 13.5 of 135 = 10%.  Spent 12: 8.89%; 8.89 ÷ 10 = 88.9 → green.
    # September: 10% + (100% − 10%) × 3/6 = 55%; spent 50 = 37.04%; 37.04 ÷ 55 = 67.3 → yellow.
    indicators = [("产出指标", "数量指标", "甲", "", "≥20个")]
    spending = [("合计", "135", "6", "12"), ("合计", "135", "9", "50")]
    kwargs = {"total": "135", "expenditures": [("专项经费", "13.5", "135")]}
    june = watched(tmp_path, indicators, [], 6, spending, **kwargs)
    assert june.budget.due_share == 10 and june.budget.colour == GREEN
    assert june.budget.ratio == D(12) / 135 * 100 / 10 * 100
    september = watched(tmp_path, indicators, [], 9, spending, **kwargs)
    assert september.budget.due_share == 55 and september.budget.spent_wan == 50
    assert september.budget.colour == YELLOW


def test_spending_by_funding_source_adds_up(tmp_path):
    indicators = [("产出指标", "数量指标", "甲", "", "≥20个")]
    result = watched(tmp_path, indicators, [], 6, [("一般公共预算资金", "80", "6", "30"), ("上年结转资金", "20", "6", "10")])
    # No total row: the sources give it: spent 30 + 10 = 40 of 80 + 20 = 100 → 40% ÷ 50% = 80 → green.
    assert result.budget.spent_wan == 40 and result.budget.budget_wan == 100
    assert result.budget.by_source == {"一般公共预算资金": 30, "上年结转资金": 10}
    assert result.budget.colour == GREEN


def test_a_bureau_sets_its_own_thresholds(tmp_path):
    config = tmp_path / "财政局.toml"
    config.write_text("[monitoring]\nindicator_red_below = 70\nindicator_yellow_below = 90\nbudget_yellow_below = 65\n",
                      encoding="utf-8")
    settings = load(config)
    # 77.8 is yellow by default and still yellow here (70 ≤ 77.8 < 90); 85 is green by default, yellow here.
    result = watched(tmp_path, [("产出指标", "数量指标", "甲", "≥900个", "≥1800个"), ("产出指标", "数量指标", "乙", "≥100个", "≥200个")],
                     [at(6, "甲", "700个"), at(6, "乙", "85个")], 6, [("合计", "100", "6", "30")], settings=settings)
    assert status(result, "甲").colour == YELLOW and status(result, "乙").colour == YELLOW
    # budget ratio 60: red below 60 (unchanged), yellow below 65 → yellow
    assert result.budget.colour == YELLOW


def test_thresholds_out_of_order_are_refused(tmp_path):
    config = tmp_path / "bad.json"
    config.write_text('{"monitoring": {"indicator_red_below": 90, "indicator_yellow_below": 80}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="indicator_red_below"):
        load(config)
