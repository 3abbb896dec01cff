"""Calculations written out in the texts: "2517.03*3.5元/平方.月*12=105715.32元"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_TIMES = re.compile(r"[*×xX＊]")
# A calculation: factors joined by * or +, then = and the written result with its unit. A comma
# ends it unless it separates thousands (210,000元).
_C = r"(?:[^，,；;。：:=＝\n]|(?<=\d),(?=\d{3}))"
_CALCULATION = re.compile(
    rf"(?P<left>{_C}*?\d{_C}*?(?:[*×xX＊+＋]{_C}*?\d{_C}*?)+)"
    r"\s*[=＝]\s*(?P<result>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元)?"
)
WAN = Decimal(10000)
_ROUNDED_FACTOR = Decimal("0.0001")
_MAGNITUDE = {"万": WAN, "亿": WAN * WAN}


@dataclass(frozen=True, slots=True)
class Calculation:
    text: str            # as written, from the first factor to the result
    computed: Decimal    # what the factors give
    written: Decimal     # the result written after =
    unit: str | None     # 元 or 万元 when the result names it

    @property
    def correct(self) -> bool:
        """Right to the precision the result was written in, or off by less than a ten-
        thousandth: what a factor rounded to fewer places gives (an area of 2517.0314 m²
        written 2517.03), which no reviewer sends back."""
        exponent = self.written.as_tuple().exponent
        places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
        return self.computed.quantize(places) == self.written \
            or abs(self.computed - self.written) <= abs(self.written) * _ROUNDED_FACTOR

    def wan(self, value: Decimal) -> Decimal | None:
        return value / WAN if self.unit == "元" else value if self.unit == "万元" else None


def _evaluate(expression: str, result_unit: str | None) -> Decimal | None:
    """Sum of products; every term must hold a number (the words beside it are labels and
    units). A price in 元 with a result in 万元 (30元/册×3000册=9万元) is converted."""
    total = Decimal(0)
    for term in re.split(r"[+＋]", expression):
        product = Decimal(1)
        money = None
        for factor in _TIMES.split(term):
            match = _NUMBER.search(factor)
            if match is None:
                return None
            product *= Decimal(match.group(0).replace(",", ""))
            after = factor[match.end():].lstrip()
            money = "万元" if after.startswith("万元") else "元" if after.startswith("元") else money
            if after[:1] in _MAGNITUDE and not after.startswith(("万元", "亿元")):
                product *= _MAGNITUDE[after[0]]  # 2万亩, 120万条: a quantity in 万
        if money == "元" and result_unit == "万元":
            product /= WAN
        elif money == "万元" and result_unit == "元":
            product *= WAN
        total += product
    return total


@lru_cache(maxsize=1024)
def calculations_in(text: str) -> tuple[Calculation, ...]:
    """Every calculation in a text. Cached: several rules read the same text."""
    if "=" not in text and "＝" not in text:
        return ()  # most texts hold no calculation; skip the costly pattern
    found = []
    for match in _CALCULATION.finditer(text):
        left = match.group("left")
        # The calculation starts at its first number; the words before it name what it reckons.
        start = _NUMBER.search(left)
        expression = left[start.start():] if start else left
        computed = _evaluate(expression, match.group("unit"))
        if computed is None:
            continue
        written = Decimal(match.group("result").replace(",", ""))
        text_span = f"{expression.strip()}={match.group('result')}{match.group('unit') or ''}"
        found.append(Calculation(text_span, computed, written, match.group("unit")))
    return tuple(found)
