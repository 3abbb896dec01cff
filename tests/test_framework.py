"""The canonical framework: synonyms, the level-2 deciding the level-1, standard level-3s."""

from __future__ import annotations

import pytest

from jixiao.framework import decide_level1, level1_of, level2_of, standard_level2s


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("产出指标", "产出"), ("效益指标", "效益"), ("满意度指标", "满意度"), ("决策", "决策"),
     ("过程指标", "过程"), ("履职", "履职"), ("投入", "投入"), ("成本指标", "成本"), ("效益 指标", "效益")],
)
def test_level1_synonyms(written, canonical):
    assert level1_of(written) == canonical


@pytest.mark.parametrize("garbled", ["中等", "出等", "成果", "指标", ""])
def test_garbled_level1_is_not_a_level1(garbled):
    assert level1_of(garbled) is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("产出数量", "数量指标"), ("产出质量", "质量指标"), ("产出时效", "时效指标"), ("产出成本", "成本指标"),
     ("经济效益指标", "经济效益"), ("社会效益指标", "社会效益"), ("环境效益", "生态效益"),
     ("可持续影响指标", "可持续影响"), ("满意度", "服务对象满意度"), ("服务对象满意度指标", "服务对象满意度"),
     ("项目目标", "绩效目标"), ("服务对象满意 度", "服务对象满意度"), ("预算执行", "预算执行")],
)
def test_level2_synonyms(written, canonical):
    assert level2_of(written) == canonical


@pytest.mark.parametrize(
    ("level2", "written", "current", "expected"),
    [
        ("项目立项", None, None, "决策"),       # 000: the level-1 cell reads 中等 / 出等 / 成果
        ("资金投入", "产出", "产出", "决策"),    # a level-2 that belongs to one level-1 decides
        ("服务对象满意度", "效益", "效益", "满意度"),  # 002 line 45
        ("项目立项", "投入", None, "投入"),      # a level-2 under two level-1s: the written one breaks the tie
        ("数量指标", None, "产出", "产出"),
    ],
)
def test_level2_decides_level1(level2, written, current, expected):
    assert decide_level1(level2, written, current) == expected


def test_standard_level3_names_know_their_level2():
    assert standard_level2s("绩效目标合理性") == ("绩效目标", "目标设定")
    assert standard_level2s("资金分配合理性") == ("资金投入",)
    assert standard_level2s("新增科技型企业数") == ()
