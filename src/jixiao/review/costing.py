"""How a text costs the budget, read the way a reviewer reads it.

A costing lists items, each an amount: the result of a calculation (`48公里×30万元/公里=1440万元`),
an amount reckoned in words (`每座80万元，计960万元`), or an amount named outright
(`宣传及资料印刷费10万元`). Around them stand figures that are not items: rates that price
an item (`每场3万元`, `按每人每月600元标准`, `0.5万元/公里`, `亩均2500元`; but `每年8.52万元` is the
year's item), the factors of a
calculation, the base a share is taken of (`6200000元的12%`), restatements (`即20万元`), and
the total the text states (`合计`, `共计`, `总计`). What follows the stated total (payment
batches, averages) restates the money and is not read as items.

An item followed by a colon or by 其中 heads the items after it (`灌溉与排水工程2650万元：…`),
so the items are added up three ways: all of them, without the heads, and the heads with the
items outside any head. The text adds up when one of the three does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.review.calculations import WAN

_UNITS = {"元": Decimal(1) / WAN, "万元": Decimal(1), "万": Decimal(1), "亿元": WAN}

# An amount of money: 1,286,000元 · 60,000元 · 5000万元 · 1.2亿元 (not 3.5元/平方米: a rate).
_AMOUNT = re.compile(r"(?<![\d.,，])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                     r"(?P<unit>亿元|万元|元|万(?![\u4e00-\u9fff]))")  # 合计：71.48万
_OPERATOR = "×*xX＊+＋"
_CLAUSE_END = "，,；;。、：:\n（）()"
_TOTAL = re.compile(r"(?:合计|共计|总计)[为是]?[：:]?\s*$")
_RESTATED = re.compile(r"即\s*$|折合\s*$")
_RATE_WORDS = ("每", "人均", "亩均", "户均", "平均", "单价")
_THRESHOLD = re.compile(r"(?:超过|不超过|不低于|低于|高于|逾|近)\s*$")  # 单笔超过5万元的采购: a bound, not an item
# An enumerator opens a new item: （一） 一、 1． 1. (1)
_ENUMERATOR = re.compile(r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|(?<![\d.])\d+[．.、](?!\d)")


@dataclass(frozen=True, slots=True)
class Item:
    text: str        # as written
    wan: Decimal     # in 万元
    start: int       # where it stands in the text
    head: bool       # it heads the items after it (2650万元：…, 1000万元，其中…)
    calculated: bool  # the result of a written calculation (… = 1440万元)


@dataclass(frozen=True, slots=True)
class Costing:
    items: tuple[Item, ...]  # the items before the stated total
    total: Item | None       # the total the text states, when it does
    heads_end: tuple[int, ...]  # where each head's items end (the next enumerator or head)

    @property
    def added(self) -> Decimal:
        """All the items added up."""
        return sum((i.wan for i in self.items), Decimal(0))

    def sums(self) -> set[Decimal]:
        """The three readings of the items' sum."""
        every = self.added
        without_heads = sum((i.wan for i in self.items if not i.head), Decimal(0))
        top = Decimal(0)
        under_until = -1
        for item, end in zip(self.items, self.heads_end):
            if item.head:
                top += item.wan
                under_until = end
            elif item.start >= under_until:
                top += item.wan
        return {every, without_heads, top}

    def adds_up_to(self, amount: Decimal, tolerance: Decimal) -> bool:
        return any(abs(s - amount) < tolerance for s in self.sums())

    @property
    def calculated(self) -> bool:
        """Every item is the result of a written calculation: the arithmetic is the table's own."""
        return bool(self.items) and all(i.calculated for i in self.items)


def _before(text: str, start: int) -> str:
    """The words from the last clause boundary, operator or amount up to `start`."""
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_END and text[i - 1] not in _OPERATOR + "=＝" \
            and not (text[i - 1] in "元" and i >= 2 and (text[i - 2].isdigit() or text[i - 2] in "万亿")):
        i -= 1
    return text[i:start]


def _after(text: str, end: int) -> str:
    return text[end:end + 6].lstrip()


@lru_cache(maxsize=1024)
def costing_of(text: str) -> Costing:
    """The items and the stated total of a text. Cached: several rules read the same text."""
    items: list[Item] = []
    total: Item | None = None
    for match in _AMOUNT.finditer(text):
        start, end = match.span()
        before, after = _before(text, start), _after(text, end)
        previous = text[:start].rstrip()[-1:]
        wan = Decimal(match.group("value").replace(",", "")) * _UNITS[match.group("unit")]
        if _TOTAL.search(text[max(0, start - 8):start]):
            total = Item(match.group(0), wan, start, False, False)
            break  # what follows restates the money
        if previous and previous in _OPERATOR or after[:1] and after[:1] in _OPERATOR + "/／" \
                or any(w in before.replace("每年", "") for w in _RATE_WORDS) or after.startswith("标准") \
                or _RESTATED.search(before) or _THRESHOLD.search(before) \
                or re.match(r"的\s*\d+(?:\.\d+)?\s*[%％]", after):
            continue  # a factor, a rate, a restatement or the base of a share
        head = bool(re.match(r"[：:]|[，,]?\s*其中", after))
        items.append(Item(match.group(0), wan, start, head, bool(previous) and previous in "=＝"))
    enumerators = [m.start() for m in _ENUMERATOR.finditer(text)]
    heads = [i.start for i in items if i.head]
    ends = []
    for item in items:
        later = [p for p in enumerators + heads if p > item.start]
        ends.append(min(later, default=len(text)))
    return Costing(tuple(items), total, tuple(ends))
