"""The quality score of a table (0-100) and its grade (优/良/中/差).

Method (also shown in docs/rules.md and in every report): start from 100 and deduct once for
each rule that finds something, by the rule's severity: 错误 8, 警告 3, 提示 1. A rule
deducts once however often it fires, because a department fixes one kind of defect in one
pass; the findings still list every place. A table with any 错误 scores at most 79: an
error sends the table back to the department, which is what 中 means. Grades follow the
score: 优 90-100 (goes on to budgeting), 良 80-89 (revised after talking with finance),
中 60-79 (revised by the department and reviewed again), 差 below 60 (cannot enter budgeting).
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.review.catalog import Severity

DEDUCTION = {Severity.ERROR: 8, Severity.WARNING: 3, Severity.INFO: 1}
CAP_WITH_ERROR = 79
GRADES = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))
GRADE_MEANING = {
    "优": "可进入预算编制",
    "良": "与财政部门沟通后修改",
    "中": "退回部门修改后重新审核",
    "差": "不能进入预算编制",
}
METHOD = (
    "质量分从100分起扣：每条发现问题的规则按严重程度扣一次分（错误8分、警告3分、提示1分），"
    "同一规则多处命中只扣一次；有任何错误的表最高79分。"
    "90分及以上为优（可进入预算编制），80–89分为良（与财政部门沟通后修改），"
    "60–79分为中（退回部门修改后重新审核），60分以下为差（不能进入预算编制）。"
)


def quality_score(findings: Iterable[tuple[str, Severity]]) -> int:
    """Score from the (rule code, severity) of each finding."""
    rules = dict(findings)
    score = 100 - sum(DEDUCTION[severity] for severity in rules.values())
    if Severity.ERROR in rules.values():
        score = min(score, CAP_WITH_ERROR)
    return max(score, 0)


def grade_of(score: int) -> str:
    return next(grade for floor, grade in GRADES if score >= floor)
