"""The rule catalog: every review rule, declared once with its code, title, severity,
concern, basis and suggestion. Rules register themselves with the `rule` decorator."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from jixiao.model import TargetTable


class Severity(str, Enum):
    """Ordered from the most to the least serious; the value is the JSON spelling."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self.value]

    @property
    def rank(self) -> int:
        return _RANKS[self.value]  # asked for every finding when sorting and filtering

    @classmethod
    def parse(cls, text: str) -> Severity:
        """error / warning / info, or their Chinese names 错误 / 警告 / 提示."""
        for severity in cls:
            if text in (severity.value, severity.label):
                return severity
        raise ValueError(text)


_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_RANKS = {"error": 3, "warning": 2, "info": 1}
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Concerns, in catalog order: key → Chinese name.
CONCERNS = {
    "completeness": "完整性",
    "measurability": "可衡量性",
    "classification": "指标归类",
    "consistency": "一致性",
    "arithmetic": "资金测算",
    "framework": "指标框架",
    "cross": "表间一致性",
    "self_evaluation": "自评复核",
}

# The documents a basis may cite. Clause numbers appear in a rule's basis only where the
# passage was read (see docs/rules.md); otherwise the document alone is named.
DOC_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
DOC_10 = "财预〔2020〕10号《项目支出绩效评价管理办法》"
DOC_OPINION = "《中共中央 国务院关于全面实施预算绩效管理的意见》"
PRACTICE = "通行做法（无明文规定）"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function reports: the message and where it points."""

    message: str
    line: int | None = None
    indicator: str | None = None
    # What the finding is about when one table can have several of the rule's (JX107: which
    # header field): a batch finding that says it once for many tables names rule and topic.
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    severity: Severity
    concern: str
    basis: str
    suggestion: str
    check: Callable[[TargetTable], Iterable[Hit]]

    @property
    def doc(self) -> str:
        """What the rule checks, from the function's docstring."""
        return " ".join((self.check.__doc__ or "").split())


RULES: dict[str, Rule] = {}
# Rules over the tables reviewed together; their check takes the list of a unit's tables.
CROSS_RULES: dict[str, Rule] = {}


@dataclass(frozen=True, slots=True)
class CrossHit:
    """What a cross-table rule reports: the message and the tables it is about (positions in
    the list it was given)."""

    message: str
    tables: tuple[int, ...]
    # The per-table findings (rule code, topic) this one says once for all its tables.
    covers: tuple[tuple[str, str], ...] = ()


def rule(code: str, title: str, severity: Severity, concern: str, basis: str, suggestion: str):
    """Register a check function under a stable code."""
    if concern not in CONCERNS:
        raise ValueError(f"unknown concern {concern!r}")

    def register(check: Callable[[TargetTable], Iterable[Hit]]):
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, title, severity, concern, basis, suggestion, check)
        return check

    return register


def cross_rule(code: str, title: str, severity: Severity, concern: str, basis: str, suggestion: str):
    """Register a check over several tables under a stable code."""
    def register(check: Callable[[Sequence[TargetTable]], Iterable[CrossHit]]):
        if code in RULES or code in CROSS_RULES:
            raise ValueError(f"rule code {code} registered twice")
        CROSS_RULES[code] = Rule(code, title, severity, concern, basis, suggestion, check)  # type: ignore[arg-type]
        return check

    return register
