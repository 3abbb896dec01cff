"""The rule catalog itself: stable codes, every field filled in Chinese, a basis that names
a document or common practice (and never a clause number we have not read), and a generated
docs page that matches the code."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from jixiao.review import RULES, Severity
from jixiao.review.catalog import CONCERNS, CROSS_RULES, DOC_10, DOC_101, DOC_OPINION, PRACTICE
from jixiao.review.docs import catalog_markdown
from jixiao.review.score import grade_of, quality_score

CJK = re.compile(r"[\u4e00-\u9fff]")
DOCUMENTS = (DOC_101, DOC_10, DOC_OPINION, PRACTICE, "财预〔2019〕136号", "财预〔2015〕88号")


def test_at_least_thirty_rules_in_every_concern():
    assert len(RULES) >= 30
    assert {rule.concern for rule in RULES.values()} == set(CONCERNS) - {"cross"}
    assert {rule.concern for rule in CROSS_RULES.values()} == {"cross"}


@pytest.mark.parametrize("code", sorted(RULES) + sorted(CROSS_RULES))
def test_rule_is_fully_declared(code):
    rule = RULES.get(code) or CROSS_RULES[code]
    assert re.fullmatch(r"JX[1-8]\d\d", code)
    # The hundreds digit names the concern, so a code says where its rule lives.
    assert list(CONCERNS)[int(code[2]) - 1] == rule.concern
    assert CJK.search(rule.title) and CJK.search(rule.suggestion)
    assert isinstance(rule.severity, Severity)
    assert rule.doc, f"{code} has no docstring saying what it checks"
    assert any(doc in rule.basis for doc in DOCUMENTS), rule.basis
    # No clause numbers: none of the regulations' passages could be read in full.
    assert not re.search(r"第[一二三四五六七八九十百\d]+条|§", rule.basis), rule.basis


def test_docs_page_is_generated_from_the_catalog():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == catalog_markdown(), "docs/rules.md is stale: run `jixiao rules --format markdown > docs/rules.md`"
    for code, rule in RULES.items():
        assert f"| {code} | {rule.title} |" in page


def test_score_deducts_once_per_rule_by_severity():
    assert quality_score([]) == 100
    assert quality_score([("JX201", Severity.WARNING)] * 5) == 97
    assert quality_score([("JX201", Severity.WARNING), ("JX207", Severity.INFO)]) == 96
    # Any error caps the score at 79: the table goes back to the department.
    assert quality_score([("JX101", Severity.ERROR)]) == 79
    assert quality_score([(f"JX{n}", Severity.ERROR) for n in range(101, 115)]) == 0


@pytest.mark.parametrize("score, grade", [(100, "优"), (90, "优"), (89, "良"), (80, "良"), (79, "中"), (60, "中"), (59, "差"), (0, "差")])
def test_grade_bands(score, grade):
    assert grade_of(score) == grade


def test_readme_counts_the_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"按 {len(RULES)} 条规则" in readme and f"{len(RULES)} rules" in readme
