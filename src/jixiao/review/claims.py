"""Quantified claims in the goal texts ("科技型中小企业评价入库超2400家", "组织2场科技招商专题
活动") and the indicator each one speaks of, so that texts and indicators can be compared."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.model import Indicator
from jixiao.values import chinese_number

# Units a goal text counts in; 年 is left out so that years (2025年) are never claims.
_CLAIM_UNITS = sorted(
    "个百分点 百分点 平方米 万元 亿元 万人次 人次 场次 批次 万人 万户 万家 家 场 项 个 人 次 名 件 篇 期 户 所 台 套 批 届 %".split(),
    key=len, reverse=True,
)
_SAME_UNIT = {"场次": "场", "批次": "批", "名": "人"}
_BEFORE = r"(?P<before>超过|超|不少于|不低于|达到|达|至少|≥|>|=)?"
_NUMBER = r"(?P<number>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
_UNIT = "(?P<unit>" + "|".join(re.escape(u) for u in _CLAIM_UNITS) + ")"
_AFTER = r"(?P<after>以上|及以上|左右|以内)?"
_CLAIM = re.compile(_BEFORE + r"\s*" + _NUMBER + r"\s*" + _UNIT + _AFTER)
_CLAUSE = re.compile(r"[^，,。；;：:！？!?\n、]+")
_NAME_SUFFIX = re.compile(r"(?:的)?(?:数量|个数|次数|场次|人数|户数|家数|数)$")
_NOISE = re.compile(r"[“”\"'‘’《》（）()\s\d.]|^(?:\(\d+\)|（\d+）)")


@dataclass(frozen=True, slots=True)
class Claim:
    text: str        # the clause it was read from
    subject: str     # the clause without the figure
    comparator: str | None
    value: Decimal
    unit: str


@lru_cache(maxsize=1024)
def claims_in(text: str) -> tuple[Claim, ...]:
    """Every figure with a unit in a goal text, with the clause around it as its subject.
    Cached: several rules read the same goal."""
    found = []
    for clause in _CLAUSE.findall(text):
        for match in _CLAIM.finditer(clause):
            number = match.group("number")
            value = Decimal(number) if number[0].isdigit() else chinese_number(number)
            if value is None or (not number[0].isdigit() and (value == 1 or match.group("unit") == "个")):
                continue  # 一批, 一项, 四个: an article or a slogan, not a count
            if clause[: match.start()].count("“") > clause[: match.start()].count("”"):
                continue  # inside a quoted slogan (“四个走在前”)
            subject = (clause[: match.start()] + clause[match.end():]).strip()
            comparator = "≥" if match.group("before") in ("超过", "超", "不少于", "不低于", "达到", "达", "至少", "≥", ">") \
                or match.group("after") in ("以上", "及以上") else None
            unit = match.group("unit")
            found.append(Claim(clause.strip(), subject, comparator, Decimal(value), _SAME_UNIT.get(unit, unit)))
    return tuple(found)


def same_unit(unit: str | None, other: str | None) -> bool:
    return unit is not None and other is not None and _SAME_UNIT.get(unit, unit) == _SAME_UNIT.get(other, other)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    text = _NOISE.sub("", text)
    return frozenset(text[i: i + 2] for i in range(len(text) - 1))


def likeness(name: str, subject: str) -> float:
    """How alike an indicator's name and a claim's subject are (0..1): the Dice coefficient of
    their character pairs, so that extra words on either side count against the match."""
    stem = _NAME_SUFFIX.sub("", re.sub(r"[（(][^()（）]*[)）]$", "", name))
    pairs, others = _bigrams(stem), _bigrams(subject)
    if not pairs or not others:
        return 0.0
    return 2 * len(pairs & others) / (len(pairs) + len(others))


# What is done to the subject; a claim and a name that name different actions (申报 vs 新增)
# speak of different things however many characters they share.
_ACTIONS = ("新增", "净增", "申报", "认定", "入库", "培育", "引进", "招引", "立项", "获批", "建成", "落地", "走访", "培训")


def _actions(text: str) -> set[str]:
    return {a for a in _ACTIONS if a in text}


def best_indicator(claim: Claim, indicators: list[Indicator], threshold: float = 0.6) -> Indicator | None:
    """The indicator a claim speaks of: the quantified one whose name is most like its subject."""
    best, best_score = None, threshold
    for indicator in indicators:
        named, claimed = _actions(indicator.name), _actions(claim.subject)
        if named and claimed and not named & claimed:
            continue
        score = likeness(indicator.name, claim.subject)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = indicator, score
    return best
