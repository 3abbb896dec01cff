"""Filters of the monitoring pages: colours in Chinese, numbers as the reports write them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from jixiao.model import decimal_text
from jixiao.monitoring import COLOURS
from jixiao.web.monitoring.dashboard import LABELS

register = template.Library()


@register.filter
def colour_name(colour: str | None) -> str:
    """红 / 黄 / 绿 / 蓝 (未填报, 无法判断 on the dashboard); empty for no colour."""
    return COLOURS.get(colour or "", LABELS.get(colour or "", ""))


def _places(value, places: int) -> str:  # noqa: ANN001
    if value in (None, ""):
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        return str(number)
    return decimal_text(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()) or "0"


@register.filter
def one(value) -> str:  # noqa: ANN001
    """A percentage or ratio to one place, no trailing zeros: 77.8, 60."""
    return _places(value, 1)


@register.filter
def two(value) -> str:  # noqa: ANN001
    """A score or an amount to two places, no trailing zeros: 13.89, 21."""
    return _places(value, 2)


@register.filter
def fixed2(value) -> str:  # noqa: ANN001
    """A score to exactly two places, as the self-evaluation table writes it: 83.72, 69.00."""
    if value in (None, ""):
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
