"""Review: the rule catalog run over a table, giving findings tied to the rules, a score and a grade.

    from jixiao.review import review
    result = review(table)          # TableReview
    result.findings, result.score, result.grade
    reviews, cross = review_batch(tables)   # the tables reviewed together, and against each other
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jixiao.model import TargetTable
# Importing the rule modules registers their rules, in catalog order.
from jixiao.review import completeness, measurability, classification, consistency, arithmetic, labels  # noqa: F401
from jixiao.review import cross  # noqa: F401  (the rules over several tables)
from jixiao.review import selfeval  # noqa: F401  (published self-evaluation tables re-scored)
from jixiao.review.catalog import CONCERNS, RULES, Rule, Severity
from jixiao.review.cross import CrossFinding, cross_review
from jixiao.review.score import grade_of, quality_score


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    message: str
    line: int | None
    indicator: str | None
    topic: str | None = None  # see Hit.topic

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.code,
            "severity": self.severity.value,
            "title": self.rule.title,
            "concern": CONCERNS[self.rule.concern],
            "message": self.message,
            "indicator": self.indicator,
            "line": self.line,
            "basis": self.rule.basis,
            "suggestion": self.rule.suggestion,
        }


@dataclass(slots=True)
class TableReview:
    table: TargetTable
    findings: list[Finding] = field(default_factory=list)
    score: int = 100
    grade: str = "优"

    def visible(self, min_severity: Severity = Severity.INFO) -> list[Finding]:
        """The findings a report lists at this floor (the score always counts them all)."""
        return [f for f in self.findings if f.severity.rank >= min_severity.rank]

    def counts(self, min_severity: Severity = Severity.INFO) -> dict[Severity, int]:
        shown = self.visible(min_severity)
        return {s: sum(1 for f in shown if f.severity is s) for s in Severity}

    def to_json(self, min_severity: Severity = Severity.INFO) -> dict[str, Any]:
        return {
            "source": self.table.source,
            "project": self.table.project or self.table.unit,
            "kind": self.table.kind,
            "year": self.table.year,
            "score": self.score,
            "grade": self.grade,
            "findings": [f.to_json() for f in self.visible(min_severity)],
        }


@cache
def rules_fingerprint() -> str:
    """What reviewed a table: a digest of the package's code, which the rules and everything
    they read (values, framework, texts) are part of. A review stored with it stays current
    while it is unchanged; the web application (jixiao.web, left out) changes no finding."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] != "web":
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def review(table: TargetTable, rules: list[Rule] | None = None) -> TableReview:
    """Run every rule (or the given ones) over one table."""
    findings = []
    for rule in rules if rules is not None else RULES.values():
        for hit in rule.check(table):
            findings.append(Finding(rule, hit.message, hit.line, hit.indicator, hit.topic))
    findings.sort(key=lambda f: (-f.severity.rank, f.line if f.line is not None else 0, f.rule.code))
    return _scored(table, findings)


def _scored(table: TargetTable, findings: list[Finding]) -> TableReview:
    score = quality_score((f.rule.code, f.severity) for f in findings)
    return TableReview(table, findings, score, grade_of(score))


def review_batch(tables: Sequence[TargetTable]) -> tuple[list[TableReview], list[CrossFinding]]:
    """Each table on its own, then the tables against each other. What a batch finding says
    once for many tables (JX705: the same blank header field on every table of one form) is
    taken off those tables, and their scores follow: the form, not each table, is at fault."""
    reviews = [review(table) for table in tables]
    across = cross_review(tables)
    covered: dict[int, set[tuple[str, str]]] = {}
    for finding in across:
        for index in finding.tables:
            covered.setdefault(index, set()).update(finding.covers)
    for index, topics in covered.items():
        kept = [f for f in reviews[index].findings if (f.rule.code, f.topic) not in topics]
        if len(kept) < len(reviews[index].findings):
            reviews[index] = _scored(tables[index], kept)
    return reviews, across


__all__ = ["CONCERNS", "RULES", "CrossFinding", "Finding", "Rule", "Severity", "TableReview", "review", "review_batch",
           "rules_fingerprint"]
