"""Quantified claims in the goal texts ("科技型中小企业评价入库超2400家", "组织2场科技招商专题
活动") and the indicator each one speaks of, so that texts and indicators can be compared."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.model import Indicator
from jixiao.review.kinds import stem
from jixiao.values import chinese_number

# Units a goal text counts in; 年 is left out so that years (2025年) are never claims.
_CLAIM_UNITS = sorted(
    "个百分点 百分点 平方米 万元 亿元 万人次 人次 场次 批次 万人 万户 万家 个工作日 工作日 个月 小时 天 "
    "家 场 项 个 人 次 名 件 篇 期 户 所 台 套 批 届 %".split(),
    key=len, reverse=True,
)
_SAME_UNIT = {"场次": "场", "批次": "批", "名": "人"}
_BEFORE = r"(?P<before>超过|超|不少于|不低于|达到|达|至少|≥|>|=)?"
_NUMBER = r"(?P<number>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
_UNIT = "(?P<unit>" + "|".join(re.escape(u) for u in _CLAIM_UNITS) + ")"
_AFTER = r"(?P<after>以上|及以上|左右|以内)?"
_CLAIM = re.compile(_BEFORE + r"\s*" + _NUMBER + r"\s*" + _UNIT + _AFTER)
_CLAUSE = re.compile(r"[^，,。；;：:！？!?\n]+")
# Verbs a list distributes over its items: 奖励A企业50家、B企业40家 rewards both.
_LEADING_VERB = re.compile(r"^(?:奖励|新增|组织|举办|开展|完成|实施|引进|培育|认定|支持|资助|建设|招引|推动|带动|促成|服务|培训|走访)")
# Units that say on their own what is measured; a generic count (家, 个, 项) does not.
GENERIC_UNITS = frozenset("家 场 项 个 人 次 名 件 篇 期 户 所 台 套 批 届 万人 万户 万家 人次 万人次".split())
_NAME_SUFFIX = re.compile(r"(?:的)?(?:数量|个数|次数|场次|人数|户数|家数|数)$")
# Character pairs any two activities share: they say nothing of what is counted.
_PLAIN_PAIRS = frozenset("开展 活动 组织 完成 全年 年度 项目 工作 举办 实施 建设 服务 提升 推进 加强 确保 保障 达到 不少 少于".split())
_FIGURES = re.compile(r"\d+(?:\.\d+)?\s*\S?")
_BUDGET_WORDS = re.compile(r"奖补|补助|资金|预算|经费|拨付|合计|共计|总计|安排|缴纳|支付|购买|购置|采购|租赁|费")
# Paying is the project's money moving, however often (分两次支付物业管理费).
_PAYING = re.compile(r"支付|拨付|缴纳")
_DIGIT = re.compile(r"\d")
_NOISE = re.compile(r"[“”\"'‘’《》（）()\s\d.]|^(?:\(\d+\)|（\d+）)")


@dataclass(frozen=True, slots=True)
class Claim:
    text: str        # the sentence it was read from (a list item's whole list), for quoting
    subject: str     # the clause without the figure
    comparator: str | None
    value: Decimal
    unit: str
    frequency: bool = False  # 每周巡查1次, 每村每月放映1场: how often, not how much in the year
    budget: bool = False     # 每家奖补30万元, 合计300万元: the project's money, not a result
    whole_list: bool = False  # 进社区、校园、商圈活动20场: one figure for every item of a list
    item: str = ""           # for a whole list: the subject of its last item alone (商圈活动)

    @property
    def target(self) -> bool:
        """A figure the goal sets as a result to measure."""
        return not self.frequency and not self.budget


@lru_cache(maxsize=1024)
def claims_in(text: str) -> tuple[Claim, ...]:
    """Every figure with a unit in a goal text, with the clause around it as its subject.
    Cached: several rules read the same goal."""
    found = []
    for sentence in _CLAUSE.findall(text):
        items = sentence.split("、")
        verb = _LEADING_VERB.match(items[0].strip())
        for index, clause in enumerate(items):
            inherited = index and verb and not clause.strip().startswith(verb.group(0))
            lead = verb.group(0) if inherited else ""
            whole_list = False
            if index and len(_FIGURES.sub("", clause).strip()) <= 3:
                lead = _FIGURES.sub("", items[index - 1])  # 放映1场公益电影、全年5400场: the year's total of it
            elif index and not any(_DIGIT.search(item) for item in items[:index]):
                lead = "、".join(items[:index]) + "、"  # 成果转让、许可、作价投资2项: one figure for the whole list
                whole_list = True
            found.extend(_claims_in_clause(clause, lead, sentence.strip(), whole_list))
    return tuple(found)


def _claims_in_clause(clause: str, verb: str, sentence: str, whole_list: bool = False) -> list[Claim]:
    """The figures of one list item; `verb` is what its list says before it: the verb the list
    shares, or for a figure that counts the whole list, the items before this one."""
    found = []
    for match in _CLAIM.finditer(clause):
        number = match.group("number")
        value = Decimal(number) if number[0].isdigit() else chinese_number(number)
        if value is None or (not number[0].isdigit() and (value == 1 or match.group("unit") == "个")):
            continue  # 一批, 一项, 四个: an article or a slogan, not a count
        if clause[: match.start()].count("“") > clause[: match.start()].count("”"):
            continue  # inside a quoted slogan (“四个走在前”)
        own = (clause[: match.start()] + clause[match.end():]).strip()
        subject = verb + own
        comparator = "≥" if match.group("before") in ("超过", "超", "不少于", "不低于", "达到", "达", "至少", "≥", ">") \
            or match.group("after") in ("以上", "及以上") else None
        unit = match.group("unit")
        # 每周巡查1次: how often; 450个行政村每村每月1场: how many each gets it, the year's total measures it.
        frequency = "每" in clause[max(0, match.start() - 8): match.start()] or "每" in clause[match.end(): match.end() + 6]
        budget = (unit in ("万元", "亿元") and bool(_BUDGET_WORDS.search(clause))) or bool(_PAYING.search(clause))
        found.append(Claim(sentence, subject, comparator, Decimal(value), _SAME_UNIT.get(unit, unit), frequency, budget,
                           whole_list, own if whole_list else ""))
    return found


def same_unit(unit: str | None, other: str | None) -> bool:
    return unit is not None and other is not None and _SAME_UNIT.get(unit, unit) == _SAME_UNIT.get(other, other)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    text = _NOISE.sub("", text)
    return frozenset(text[i: i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=8192)
def _name_pairs(name: str) -> frozenset[str]:
    return _bigrams(_NAME_SUFFIX.sub("", stem(name)))


def likeness(name: str, subject: str) -> float:
    """How alike an indicator's name and a claim's subject are (0..1): the Dice coefficient of
    their character pairs, so that extra words on either side count against the match."""
    return _dice(_name_pairs(name), _bigrams(subject))


def _dice(pairs: frozenset[str], others: frozenset[str]) -> float:
    if not pairs or not others:
        return 0.0
    return 2 * len(pairs & others) / (len(pairs) + len(others))


# What is done to the subject; a claim and a name that name different actions (申报 vs 新增)
# speak of different things however many characters they share.
_ACTIONS = ("新增", "净增", "申报", "认定", "入库", "培育", "引进", "招引", "立项", "获批", "建成", "落地", "走访", "培训")


@lru_cache(maxsize=8192)
def _actions(text: str) -> frozenset[str]:
    return frozenset(a for a in _ACTIONS if a in text)


def best_indicator(claim: Claim, indicators: list[Indicator], threshold: float = 0.6) -> Indicator | None:
    """The indicator a claim speaks of: the quantified one whose name is most like its subject."""
    best, best_score = None, threshold
    claimed, others = _actions(claim.subject), _bigrams(claim.subject)
    item = _bigrams(claim.item) if claim.item else frozenset()
    for indicator in indicators:
        named = _actions(indicator.name)
        if named and claimed and not named & claimed:
            continue
        pairs = _name_pairs(indicator.name)
        score = max(_dice(pairs, others), _dice(pairs, item))  # likeness to the subject, or to a list's last item
        if score >= best_score and (best is None or score > best_score):
            best, best_score = indicator, score
    return best


def measured_by(claim: Claim, indicators: list[Indicator]) -> Indicator | None:
    """The indicator that measures a claim, if any: a name like its subject, or the one
    indicator counted in the same telling unit (个工作日, %, 万元) with a name somewhat like it."""
    found = best_indicator(claim, indicators, threshold=0.5)
    if found is not None:
        return found
    # The one indicator with the very figure and unit whose name shares a word of substance
    # with the claim, however it words the rest (在校供餐200天 is 营养膳食补助供餐天数 ≥200天).
    exact = [i for i in indicators if i.full_year.value == claim.value and same_unit(claim.unit, i.full_year.unit)]
    if len(exact) == 1 and (_name_pairs(exact[0].name) & _bigrams(claim.subject)) - _PLAIN_PAIRS:
        return exact[0]
    # The same figure under a name that shares a good part of the subject's words.
    same_figure = [i for i in indicators if i.full_year is not None and i.full_year.value == claim.value
                   and likeness(i.name, claim.subject) >= 0.3]
    if same_figure:
        return same_figure[0]
    if claim.unit in GENERIC_UNITS:
        return None
    same = [i for i in indicators if i.full_year is not None and same_unit(claim.unit, i.full_year.unit)]
    if len(same) == 1 and likeness(same[0].name, claim.subject) >= 0.3:
        return same[0]
    return None
