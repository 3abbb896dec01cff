"""The target-value grammar (docs/json.md, TARGET; DOMAIN.md §A.4).

Every expectation below was decided by reading the contract, not by running the parser.
A case is (raw cell, unit hint, kind, comparator, value, unit, token, note); `value` is the
decimal string the JSON carries (`"2517.03"`, `"0"`), or None.

SEED_CASES holds every distinct target string found in the indicator rows (half-year and
full-year columns) of the five seeds; EXTRA_CASES covers the grammar beyond them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Target
from jixiao.values import parse_target

Q, QL, S, T = "quantity", "qualitative", "schedule", "text"
GE, LE, EQ, GT, LT = "≥", "≤", "=", ">", "<"

# (raw, unit_hint, kind, comparator, value, unit, token, note)
SEED_CASES = [
    # --- grade words (qualitative): the token is the word itself
    ("充分", None, QL, None, None, None, "充分", None),
    ("规范", None, QL, None, None, None, "规范", None),
    ("合理", None, QL, None, None, None, "合理", None),
    ("明确", None, QL, None, None, None, "明确", None),
    ("科学", None, QL, None, None, None, "科学", None),
    ("合规", None, QL, None, None, None, "合规", None),
    ("有效", None, QL, None, None, None, "有效", None),
    ("健全", None, QL, None, None, None, "健全", None),
    ("完善", None, QL, None, None, None, "完善", None),
    ("公开", None, QL, None, None, None, "公开", None),
    ("及时", None, QL, None, None, None, "及时", None),
    ("显著", None, QL, None, None, None, "显著", None),
    ("较高", None, QL, None, None, None, "较高", None),
    ("浓厚", None, QL, None, None, None, "浓厚", None),
    ("满意", None, QL, None, None, None, "满意", None),
    # --- schedule tokens
    ("序时进度", None, S, None, None, None, "序时进度", None),
    ("完成半数", None, S, None, None, None, "完成半数", None),
    ("完成", None, S, None, None, None, "完成", None),
    # --- percentages
    ("100%", None, Q, None, "100", "%", None, None),
    ("=0%", None, Q, EQ, "0", "%", None, None),
    ("=100%", None, Q, EQ, "100", "%", None, None),
    ("=6%", None, Q, EQ, "6", "%", None, None),
    ("=8%", None, Q, EQ, "8", "%", None, None),
    ("=10%", None, Q, EQ, "10", "%", None, None),
    ("=15%", None, Q, EQ, "15", "%", None, None),
    ("=20%", None, Q, EQ, "20", "%", None, None),
    ("=40%", None, Q, EQ, "40", "%", None, None),
    ("=48%", None, Q, EQ, "48", "%", None, None),
    ("=95%", None, Q, EQ, "95", "%", None, None),
    ("＝0%", None, Q, EQ, "0", "%", None, None),  # full-width ＝ (001), raw kept as written
    ("＝100%", None, Q, EQ, "100", "%", None, None),
    ("≤0%", None, Q, LE, "0", "%", None, None),
    ("≤50%", None, Q, LE, "50", "%", None, None),
    ("≤100%", None, Q, LE, "100", "%", None, None),
    ("≥50%", None, Q, GE, "50", "%", None, None),
    ("≥90%", None, Q, GE, "90", "%", None, None),
    ("≥100%", None, Q, GE, "100", "%", None, None),
    # --- counts: 场
    ("≥0场", None, Q, GE, "0", "场", None, None),
    ("≥1场", None, Q, GE, "1", "场", None, None),
    ("≥2场", None, Q, GE, "2", "场", None, None),
    ("≥3场", None, Q, GE, "3", "场", None, None),
    ("≥5场", None, Q, GE, "5", "场", None, None),
    ("≥7场", None, Q, GE, "7", "场", None, None),
    ("≥8场", None, Q, GE, "8", "场", None, None),
    ("≥10场", None, Q, GE, "10", "场", None, None),
    ("≥12场", None, Q, GE, "12", "场", None, None),
    ("≤1场", None, Q, LE, "1", "场", None, None),
    ("≤3场", None, Q, LE, "3", "场", None, None),
    # --- counts: 家
    ("≥0家", None, Q, GE, "0", "家", None, None),
    ("≥2家", None, Q, GE, "2", "家", None, None),
    ("≥30家", None, Q, GE, "30", "家", None, None),
    ("≥60家", None, Q, GE, "60", "家", None, None),
    ("≥100家", None, Q, GE, "100", "家", None, None),
    ("≥200家", None, Q, GE, "200", "家", None, None),
    ("≥500家", None, Q, GE, "500", "家", None, None),
    ("≥520家", None, Q, GE, "520", "家", None, None),
    ("≥600家", None, Q, GE, "600", "家", None, None),
    ("≥1500家", None, Q, GE, "1500", "家", None, None),
    ("≥2400家", None, Q, GE, "2400", "家", None, None),
    # --- counts: 个
    ("≥0个", None, Q, GE, "0", "个", None, None),
    ("≥3个", None, Q, GE, "3", "个", None, None),
    ("≥10个", None, Q, GE, "10", "个", None, None),
    ("≥13个", None, Q, GE, "13", "个", None, None),
    ("≥20个", None, Q, GE, "20", "个", None, None),
    ("≥30个", None, Q, GE, "30", "个", None, None),
    ("≥40个", None, Q, GE, "40", "个", None, None),
    ("≥80个", None, Q, GE, "80", "个", None, None),
    ("≥100个", None, Q, GE, "100", "个", None, None),
    ("≥170个", None, Q, GE, "170", "个", None, None),
    ("≥350个", None, Q, GE, "350", "个", None, None),
    ("≥600个", None, Q, GE, "600", "个", None, None),
    ("≥800个", None, Q, GE, "800", "个", None, None),
    ("≥900个", None, Q, GE, "900", "个", None, None),
    ("≥1800个", None, Q, GE, "1800", "个", None, None),
    ("≥2000个", None, Q, GE, "2000", "个", None, None),
    # --- counts: 项, 人, 名, 次
    ("≥5项", None, Q, GE, "5", "项", None, None),
    ("≥10项", None, Q, GE, "10", "项", None, None),
    ("≥30项", None, Q, GE, "30", "项", None, None),
    ("≥100项", None, Q, GE, "100", "项", None, None),
    ("≥800项", None, Q, GE, "800", "项", None, None),
    ("≥1600项", None, Q, GE, "1600", "项", None, None),
    ("≥50人", None, Q, GE, "50", "人", None, None),
    ("≥100人", None, Q, GE, "100", "人", None, None),
    ("≥0名", None, Q, GE, "0", "名", None, None),
    ("≥25名", None, Q, GE, "25", "名", None, None),
    ("≥2次", None, Q, GE, "2", "次", None, None),
    ("≥4次", None, Q, GE, "4", "次", None, None),
    # --- ASCII comparator (002)
    (">=5次", None, Q, GE, "5", "次", None, None),
    (">=50次", None, Q, GE, "50", "次", None, None),
    (">=5人", None, Q, GE, "5", "人", None, None),
    (">=20个", None, Q, GE, "20", "个", None, None),
    (">=3项", None, Q, GE, "3", "项", None, None),
    (">=10", None, Q, GE, "10", None, None, None),  # 帮助培育高新技术企业: no unit anywhere
    (">=80", "%", Q, GE, "80", "%", None, None),  # 服务对象满意度 (%): unit from the name
    # --- money, area, time
    ("≥30亿元", None, Q, GE, "30", "亿元", None, None),
    ("≥100亿元", None, Q, GE, "100", "亿元", None, None),
    ("≥1300亿元", None, Q, GE, "1300", "亿元", None, None),
    ("≥2700亿元", None, Q, GE, "2700", "亿元", None, None),
    ("≥5万元", None, Q, GE, "5", "万元", None, None),
    ("=2517.03平方米", None, Q, EQ, "2517.03", "平方米", None, None),
    ("≤1年", None, Q, LE, "1", "年", None, None),
    ("≤12月", None, Q, LE, "12", "月", None, None),
    # --- unit lists and notes
    ("≥0台、件、套、 项", None, Q, GE, "0", "台、件、套、项", None, None),
    ("≥37台、件、套、 项", None, Q, GE, "37", "台、件、套、项", None, None),
    ("=1项报告、应急预案报告、安全巡检报告", None, Q, EQ, "1", "项", None, "报告、应急预案报告、安全巡检报告"),
    ("=3项报告、应急预案报告、安全巡检报告", None, Q, EQ, "3", "项", None, "报告、应急预案报告、安全巡检报告"),
    # --- prose: fits no form
    ("举办创新创业大赛、产学研对接等活动", None, T, None, None, None, None, None),
    ("严格执行相关财经法规、制度", None, T, None, None, None, None, None),
    ("在平台、载体、园区、基金、项目上启动合作", None, T, None, None, None, None, None),
    ("在平台、载体、园区、基金、项目上深化合作", None, T, None, None, None, None, None),
]

EXTRA_CASES = [
    # --- comparators written as symbols
    ("≧90%", None, Q, GE, "90", "%", None, None),
    ("<=100%", None, Q, LE, "100", "%", None, None),
    ("≦5%", None, Q, LE, "5", "%", None, None),
    ("═100%", None, Q, EQ, "100", "%", None, None),
    (">100家", None, Q, GT, "100", "家", None, None),
    ("<5%", None, Q, LT, "5", "%", None, None),
    ("=0", None, Q, EQ, "0", None, None, None),
    ("≥ 20个", None, Q, GE, "20", "个", None, None),  # space after the comparator
    # --- comparators written in words, before the number
    ("不少于6场", None, Q, GE, "6", "场", None, None),
    ("不少于5名", None, Q, GE, "5", "名", None, None),
    ("不低于80%", None, Q, GE, "80", "%", None, None),
    ("达到40%", None, Q, GE, "40", "%", None, None),
    ("达60项", None, Q, GE, "60", "项", None, None),
    ("超100家", None, Q, GT, "100", "家", None, None),
    ("超过600个", None, Q, GT, "600", "个", None, None),
    ("不高于5%", None, Q, LE, "5", "%", None, None),
    ("不超过3次", None, Q, LE, "3", "次", None, None),
    # --- comparators written after the number and unit
    ("30家以上", None, Q, GE, "30", "家", None, None),
    ("300家以上", None, Q, GE, "300", "家", None, None),
    ("10天以内", None, Q, LE, "10", "天", None, None),
    ("3个月以内", None, Q, LE, "3", "个月", None, None),
    ("5%以下", None, Q, LE, "5", "%", None, None),
    # --- Chinese numerals
    ("八场次", None, Q, None, "8", "场次", None, None),
    ("不少于八场次", None, Q, GE, "8", "场次", None, None),
    ("十二场", None, Q, None, "12", "场", None, None),
    ("两次", None, Q, None, "2", "次", None, None),
    ("二十家以上", None, Q, GE, "20", "家", None, None),
    # --- no comparator
    ("3个", None, Q, None, "3", "个", None, None),
    ("1500家", None, Q, None, "1500", "家", None, None),
    ("≥8场次", None, Q, GE, "8", "场次", None, None),  # 场次 wins over 场
    # --- money, area, time
    ("≤150万元", None, Q, LE, "150", "万元", None, None),
    ("=2亿元", None, Q, EQ, "2", "亿元", None, None),
    ("≥10.5万元", None, Q, GE, "10.5", "万元", None, None),
    ("≥2000平方米", None, Q, GE, "2000", "平方米", None, None),
    ("≤6月", None, Q, LE, "6", "月", None, None),
    ("≤2年", None, Q, LE, "2", "年", None, None),
    ("≥0.5%", None, Q, GE, "0.5", "%", None, None),
    # --- thousands separators
    ("1,500家", None, Q, None, "1500", "家", None, None),
    ("≥1,000万元", None, Q, GE, "1000", "万元", None, None),
    ("=10,175.5万元", None, Q, EQ, "10175.5", "万元", None, None),
    ("≥1,200,000元", None, Q, GE, "1200000", "元", None, None),
    # --- unit lists (、 kept, spaces removed)
    ("≥5台、套", None, Q, GE, "5", "台、套", None, None),
    ("≥2台、 件", None, Q, GE, "2", "台、件", None, None),
    # --- a note after the unit
    ("≥2场路演活动", None, Q, GE, "2", "场", None, "路演活动"),
    # --- unit hint from the indicator name
    ("90", "%", Q, None, "90", "%", None, None),
    ("=100", "%", Q, EQ, "100", "%", None, None),
    ("≥85", "%", Q, GE, "85", "%", None, None),
    ("≥85", None, Q, GE, "85", None, None, None),
    ("≥5家", "%", Q, GE, "5", "家", None, None),  # a written unit wins over the hint
    ("较高", "%", QL, None, None, None, "较高", None),  # the hint makes no grade a number
    # --- raw is the trimmed cell
    ("  ≥2场 ", None, Q, GE, "2", "场", None, None),
    (" 序时进度\t", None, S, None, None, None, "序时进度", None),
    (" 合理 ", None, QL, None, None, None, "合理", None),
    # --- free text: never an exception, kind "text"
    ("详见附件", None, T, None, None, None, None, None),
    ("以实际发生为准", None, T, None, None, None, None, None),
    ("持续推进科技创新工作", None, T, None, None, None, None, None),
    ("≥", None, T, None, None, None, None, None),
    ("≥家", None, T, None, None, None, None, None),
    ("%", None, T, None, None, None, None, None),
    ("N/A", None, T, None, None, None, None, None),
    # --- empty or blank cell: what fits no form is a `text` target (parse_target docstring)
    ("", None, T, None, None, None, None, None),
    ("   ", None, T, None, None, None, None, None),
    ("\t\n", None, T, None, None, None, None, None),
]


def _id(case) -> str:
    raw, hint = case[0], case[1]
    text = raw.strip() or f"<blank {len(raw)}>"
    return f"{text}|{hint}" if hint else text


def _check(case) -> None:
    raw, hint, kind, comparator, value, unit, token, note = case
    target = parse_target(raw, hint) if hint is not None else parse_target(raw)
    assert isinstance(target, Target)
    expected = {
        "raw": raw.strip(),
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "unit": unit,
        "token": token,
        "note": note,
    }
    assert target.to_json() == expected
    if value is None:
        assert target.value is None
    else:
        assert isinstance(target.value, Decimal)
        assert target.value == Decimal(value)


@pytest.mark.parametrize("case", SEED_CASES, ids=[_id(c) for c in SEED_CASES])
def test_seed_target_value(case):
    _check(case)


@pytest.mark.parametrize("case", EXTRA_CASES, ids=[_id(c) for c in EXTRA_CASES])
def test_target_grammar(case):
    _check(case)


def test_seed_strings_are_distinct():
    raws = [c[0] for c in SEED_CASES]
    assert len(raws) == len(set(raws))


@pytest.mark.parametrize(("raw", "unit"), [("≤1起", "起"), ("=0起", "起"), ("≥3宗", "宗"), ("≥20例", "例")])
def test_counters_of_cases_are_units(raw, unit):
    """起, 宗 and 例 count incidents, cases and patients (issue 12: 起 was unknown)."""
    target = parse_target(raw)
    assert target.kind == "quantity" and target.unit == unit
