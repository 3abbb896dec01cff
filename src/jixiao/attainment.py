"""An actual value read against its target: units made comparable, the direction a target
points in, whether it is met and by how much, and the grade words of qualitative results.

Shared by monitoring, self-evaluation scoring and the rules that re-score published
self-evaluation tables, so that the three never disagree on what "met" means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.config import ACHIEVED, NOT_ACHIEVED, PARTIAL
from jixiao.model import Target
from jixiao.values import UNITS, normalize, parse_target, unit_from_name

POSITIVE, REVERSE = "positive", "reverse"

# Units that name the same quantity at another scale: unit → (base unit, factor to the base).
_SCALES: dict[str, tuple[str, Decimal]] = {}
for _base, _pairs in {
    "元": (("元", 1), ("万元", 10_000), ("亿元", 100_000_000)),
    "人": (("人", 1), ("名", 1), ("万人", 10_000)),
    "人次": (("人次", 1), ("万人次", 10_000)),
    "户": (("户", 1), ("万户", 10_000)),
    "家": (("家", 1), ("万家", 10_000)),
    "件": (("件", 1), ("万件", 10_000)),
    "次": (("次", 1), ("万次", 10_000)),
    "册": (("册", 1), ("万册", 10_000)),
    "场": (("场", 1), ("场次", 1)),
    "亩": (("亩", 1), ("万亩", 10_000)),
    "平方米": (("平方米", 1), ("公顷", 10_000), ("平方公里", 1_000_000)),
    "公里": (("公里", 1), ("千米", 1), ("米", Decimal("0.001"))),
    "千克": (("千克", 1), ("公斤", 1), ("吨", 1000)),
    "天": (("天", 1), ("日", 1)),
    "工作日": (("工作日", 1), ("个工作日", 1)),
    "月": (("月", 1), ("个月", 1)),
    "%": (("%", 1), ("百分比", 1)),
}.items():
    for _unit, _factor in _pairs:
        _SCALES[_unit] = (_base, Decimal(_factor))


def same_measure(unit: str | None, other: str | None) -> bool:
    """True when values in the two units can be compared (家 and 万家, 元 and 万元)."""
    if unit == other:
        return True
    if unit is None or other is None:
        return False
    return unit in _SCALES and other in _SCALES and _SCALES[unit][0] == _SCALES[other][0]


def convert(value: Decimal, unit: str | None, to: str | None) -> Decimal | None:
    """`value` in `unit` expressed in `to`; None when the two do not measure the same thing.
    A value without a unit is taken to be in the target's unit."""
    if unit == to or unit is None or to is None:
        return value
    if not same_measure(unit, to):
        return None
    return value * _SCALES[unit][1] / _SCALES[to][1]


def direction(target: Target) -> str:
    """Positive (≥, >, =N with N > 0, a bare value) or reverse (≤, <, =0): which way is better."""
    if target.comparator in ("≤", "<"):
        return REVERSE
    if target.comparator == "=" and target.value == 0:
        return REVERSE  # =0 (预算调整率 =0%): anything above it is worse
    return POSITIVE


def is_met(actual: Decimal, target: Target) -> bool:
    """Whether an actual value (in the target's unit) meets a quantity target. A positive
    target is met at or above its value (a ">" target scores full points there too)."""
    assert target.value is not None
    if direction(target) == REVERSE:
        return actual <= target.value
    return actual >= target.value


def deviation(actual: Decimal, target: Target) -> Decimal | None:
    """(actual − target) / target in percent; None for a target of 0."""
    if not target.value:
        return None
    return (actual - target.value) / abs(target.value) * 100


# ------------------------------------------------------------------------- grade words
# What a self-evaluation writes for a qualitative indicator. The order matters: 未达成 and
# 部分达成 both contain 达成.
_NOT = ("未达成", "未完成", "未达到", "没有达成", "未实现", "否", "效果较差", "不合格", "不合规", "不满意")
_PARTIAL = ("部分达成", "部分完成", "部分实现", "基本达成", "基本完成", "基本实现", "基本达到", "基本满意", "基本合规")
_ACHIEVED = ("达成", "已达成", "完成", "已完成", "全部完成", "按时完成", "按期完成", "按计划完成", "达到", "已达到",
             "实现", "已实现", "是", "符合", "达标")


@lru_cache(maxsize=4096)
def attainment_words(text: str) -> str | None:
    """达成 / 部分达成 / 未达成 for the grade words a self-evaluation uses, else None."""
    bare = "".join(normalize(text).split()).strip("。.；;")
    if not bare:
        return None
    for prefix in _NOT:
        if bare.startswith(prefix):
            return NOT_ACHIEVED
    for prefix in _PARTIAL:
        if bare.startswith(prefix):
            return PARTIAL
    for prefix in _ACHIEVED:
        if bare.startswith(prefix) and (len(bare) == len(prefix) or "指标" in bare or "目标" in bare or "预期" in bare):
            return ACHIEVED
    return None


def attainment_of(text: str, target: Target | None) -> str | None:
    """The grade of a qualitative result: its own words (达成年度指标 …), or the target's own
    grade word repeated (合规 for 合规, 完成 for 完成) meaning the target was reached."""
    grade = attainment_words(text)
    if grade is not None:
        return grade
    if target is not None and target.kind in ("qualitative", "schedule", "text"):
        written = "".join(normalize(text).split()).lstrip("=")
        wanted = "".join(normalize(target.raw).split()).lstrip("=")
        if written and written == wanted:
            return ACHIEVED
    return None


# ------------------------------------------------------------------------- one actual value
@dataclass(frozen=True, slots=True)
class Reading:
    """An actual value as it bears on its target: a number in the target's unit, or a grade."""

    raw: str
    value: Decimal | None = None  # in the target's unit
    grade: str | None = None  # 达成 / 部分达成 / 未达成
    problem: str | None = None  # why it cannot be compared with the target, in Chinese


_PLAIN = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)")
_UNIT_SET = frozenset(UNITS)
_ALIASES = {"百分比": "%"}


def _plain(text: str) -> tuple[Decimal, str | None] | None:
    """A number with at most a unit after it (1,500家, 95%, 72890): most actual values, read
    without the whole target grammar; anything else goes to parse_target."""
    found = _PLAIN.fullmatch(text)
    if found is None or (found.group(2) and found.group(2) not in _UNIT_SET):
        return None
    try:
        value = Decimal(found.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    unit = found.group(2) or None
    return value, _ALIASES.get(unit, unit) if unit else None


def read(raw: str, target: Target | None, name: str = "") -> Reading:
    """Read an actual value against a target with the target grammar: `1,500家` against
    `≥1800家` is 1500; `85%` against it is a problem; `达成年度指标` against `合规` is 达成."""
    text = raw.strip()
    if target is None:
        return Reading(text, problem="该指标没有指标值，无法比较")
    if target.kind == "quantity" and target.value is not None:
        plain = _plain(text)
        if plain is not None:
            value = convert(plain[0], plain[1], target.unit)
            if value is not None:
                return Reading(text, value=value)
        parsed = parse_target(text, target.unit or unit_from_name(name))
        if parsed.kind != "quantity" or parsed.value is None:
            grade = attainment_words(text)
            if grade is not None:
                return Reading(text, grade=grade)  # a quantity written as 达成 (published tables do)
            unit = f"以“{target.unit}”计的" if target.unit else ""
            return Reading(text, problem=f"应填写{unit}数值（指标值为“{target.raw}”）")
        if parsed.comparator is not None and parsed.comparator != "=":
            return Reading(text, problem=f"实际完成值应为一个数值，不带“{parsed.comparator}”")
        value = convert(parsed.value, parsed.unit, target.unit)
        if value is None:
            return Reading(text, problem=f"单位“{parsed.unit}”与指标值“{target.raw}”的单位“{target.unit}”不符；"
                                         f"应填写以“{target.unit}”计的数值")
        return Reading(text, value=value)
    grade = attainment_of(text, target)
    if grade is None:
        return Reading(text, problem="定性指标应填写达成情况：达成年度指标、部分达成年度指标并具有一定效果、"
                                     f"未达成年度指标且效果较差，或与指标值“{target.raw}”相同的用语")
    return Reading(text, grade=grade)
