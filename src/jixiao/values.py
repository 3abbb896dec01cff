"""The target-value grammar: "≥1500家", "=100%", "≤1年", "序时进度", "合规", "不少于6场" ...

A target cell is one of four kinds: a quantity (comparator, number, unit), a qualitative
grade, a schedule token, or free text. Parsing never raises: text that fits no form is a
`text` target, which the interpreter reports as a warning.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.model import Target

SCHEDULE_TOKENS = frozenset(
    ["序时进度", "完成半数", "完成", "已完成", "全部完成", "基本完成", "按时完成", "按期完成", "按计划完成", "按进度完成"]
)

# Grade words; a value made only of these (较高, 显著提升, 明显改善) is qualitative.
GRADE_WORDS = (
    "充分 规范 合理 明确 科学 合规 有效 健全 完善 公开 及时 显著 较高 较好 良好 浓厚 满意 基本满意 非常满意 "
    "准确 完整 达标 合格 优良 优秀 明显 提升 提高 改善 增强 稳定 安全 持续 逐步 不断 有所 大幅 进一步 "
    "优化 加强 促进 积极 一般 较低 高 好 是 否 符合 按时 到位 规范化 透明 严格 可控 正常 有序 畅通 便捷 "
    "得到 较大 很大 不断提升 逐年 增加 降低 减少"
).split()
_GRADE_SET = frozenset(GRADE_WORDS)
_GRADES_BY_LENGTH = sorted(_GRADE_SET, key=len, reverse=True)

# Units, longest first so that 场次 wins over 场 and 万元 over 元.
UNITS = sorted(
    (
        "个百分点 百分点 平方公里 平方米 立方米 公里 千米 万亩 亩 公顷 万元 亿元 元 万人次 人次 场次 批次 户次 "
        "万人 万户 万册 万件 万次 万家 个工作日 工作日 小时 分钟 个月 季度 天 日 周 月 年 周岁 岁 % ‰ 家 场 项 个 人 次 名 "
        "台套 台 件 套 篇 册 份 期 户 所 座 辆 张 条 间 处 部 只 棵 株 头 吨 千克 公斤 米 分 倍 级 类 门 本 课时 学时 "
        "架次 辆次 支 盏 眼 枚 幅 首 轮 秒 箱 起 宗 例 百分比 "
        "GB TB 万 亿"
    ).split(),
    key=len,
    reverse=True,
)

# A time followed by 前 or 内 is a deadline: 12月前完成, 12月底前, 3个工作日内.
_TIME_UNITS = frozenset("月 日 天 周 季度 个月 个工作日 工作日 小时 分钟".split())
_DEADLINE = re.compile(r"(?:底|末)?(?:以前|之前|前)|内")

# Units some budget systems spell out: >=100百分比 is ≥100%.
_UNIT_ALIASES = {"百分比": "%"}

# Comparators written before the number; longest first.
PREFIX_COMPARATORS = sorted(
    [
        (">=", "≥"), ("≥", "≥"), ("≧", "≥"), ("=>", "≥"), ("<=", "≤"), ("≤", "≤"), ("≦", "≤"), ("=<", "≤"),
        ("==", "="), ("=", "="), ("═", "="), (">", ">"), ("<", "<"),
        ("不少于", "≥"), ("不低于", "≥"), ("不小于", "≥"), ("大于等于", "≥"), ("大于或等于", "≥"), ("达到", "≥"),
        ("达", "≥"), ("至少", "≥"), ("超过", ">"), ("超", ">"), ("大于", ">"), ("高于", ">"), ("多于", ">"),
        ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"), ("不大于", "≤"), ("小于等于", "≤"), ("小于或等于", "≤"),
        ("控制在", "≤"), ("低于", "<"), ("少于", "<"), ("小于", "<"),
    ],
    key=lambda pair: len(pair[0]),
    reverse=True,
)

# Comparators written after the number and unit.
SUFFIX_COMPARATORS = (("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤"))

_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_UNIT_IN_NAME = re.compile(r"[（(]\s*([^()（）]{1,6}?)\s*[)）]\s*$")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Fold full-width forms (＝ ％ （ ０) to their ordinary ones; keep ≥ ≤ as they are."""
    return unicodedata.normalize("NFKC", text).strip()


def chinese_number(text: str) -> int | None:
    """八 → 8, 十二 → 12, 二十 → 20, 一百零五 → 105 (what target cells actually contain)."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SCALES:
            total += (digit if digit is not None else 1) * _CN_SCALES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


@lru_cache(maxsize=8192)
def unit_from_name(name: str) -> str | None:
    """The unit some tables write into the indicator name: 服务对象满意度 (%) → %."""
    match = _UNIT_IN_NAME.search(name)
    if match and match.group(1) in UNITS:
        return match.group(1)
    return None


@lru_cache(maxsize=4096)
def is_grade(text: str) -> bool:
    """True when the text is made only of grade words (较高, 显著提升)."""
    if text in _GRADE_SET:
        return True
    rest = text
    while rest:
        for word in _GRADES_BY_LENGTH:
            if rest.startswith(word):
                rest = rest[len(word):]
                break
        else:
            return False
    return True


def _read_units(rest: str) -> tuple[str | None, str]:
    """A unit (元/平方米 is one unit), or a list of units joined by 、 (台、件、套、 项),
    from the start of `rest`; returns (unit, what follows)."""
    units: list[str] = []
    pos = 0
    while True:
        unit = _unit_at(rest, pos)
        if unit is None:
            break
        pos += len(unit)
        # A rate: 元/平方米, 人次/年.
        while pos < len(rest) and rest[pos] == "/" and (per := _unit_at(rest, pos + 1)) is not None:
            unit += "/" + per
            pos += 1 + len(per)
        units.append(_UNIT_ALIASES.get(unit, unit))
        # Another unit may follow after 、 (spaces tolerated, as PDF extraction leaves them).
        probe = pos
        if probe < len(rest) and rest[probe] in "、,，":
            probe += 1
            while probe < len(rest) and rest[probe] == " ":
                probe += 1
            following = _unit_at(rest, probe)
            if following is not None and _unit_ends(rest, probe + len(following)):
                pos = probe
                continue
        break
    if not units:
        return None, rest
    return "、".join(units), rest[pos:]


def _unit_at(text: str, pos: int) -> str | None:
    return next((unit for unit in UNITS if text.startswith(unit, pos)), None)


def _unit_ends(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in "、/,，) ）"


def _quantity(text: str, unit_hint: str | None) -> Target | None:
    comparator = None
    body = text
    for word, symbol in PREFIX_COMPARATORS:
        if body.startswith(word):
            comparator, body = symbol, body[len(word):].lstrip()
            break
    match = _NUMBER.match(body)
    if match:
        try:
            value = Decimal(match.group(0).replace(",", ""))
        except InvalidOperation:
            return None
        rest = body[match.end():].lstrip()
    else:
        cn = _CN_NUMBER.match(body)
        if not cn:
            return None
        number = chinese_number(cn.group(0))
        rest = body[cn.end():]
        unit_probe, _ = _read_units(rest)
        if number is None or unit_probe is None:  # 三 alone is too weak to call a number
            return None
        value = Decimal(number)
    unit, rest = _read_units(rest)
    rest = rest.strip()
    for word, symbol in SUFFIX_COMPARATORS:
        if rest.startswith(word):
            comparator = comparator or symbol
            rest = rest[len(word):].strip()
            break
    deadline = _DEADLINE.match(rest) if comparator is None and unit in _TIME_UNITS else None
    if deadline:  # 12月前完成, 3个工作日内: by then at the latest
        comparator, rest = "≤", rest[deadline.end():].strip()
    if unit is None and not rest:
        unit = unit_hint
    return Target(raw="", kind="quantity", comparator=comparator, value=value, unit=unit, note=rest or None)


def comparator_of(text: str) -> str | None:
    """The comparator a cell starts with or consists of (≥, 不少于 …), as a symbol; None if none."""
    bare = normalize(text).strip()
    for word, symbol in PREFIX_COMPARATORS:
        if bare.startswith(word):
            return symbol
    return None


def parse_target(raw: str, unit_hint: str | None = None) -> Target:
    """Parse one target cell. Never raises; what fits no form is a `text` target."""
    return _parse(raw.strip(), unit_hint)


@lru_cache(maxsize=16384)
def _parse(raw: str, unit_hint: str | None) -> Target:
    # Targets are immutable, so one parsed cell can serve every table that repeats it.
    text = normalize(raw)
    bare = text.lstrip("=═").strip()
    if bare in SCHEDULE_TOKENS:
        return Target(raw, "schedule", token=bare)
    if bare and is_grade(bare):
        return Target(raw, "qualitative", token=bare)
    quantity = _quantity(text, unit_hint)
    if quantity is not None:
        return Target(raw, "quantity", quantity.comparator, quantity.value, quantity.unit, None, quantity.note)
    return Target(raw, "text")


def parse_decimal(text: str) -> Decimal | None:
    """A plain number as written in an amount cell (commas removed); None if it is not one."""
    text = normalize(text).replace(",", "").replace("，", "")
    if not text or not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
