"""Cross-table review (issue 11, point 5): the tables reviewed together, checked against each
other; each finding names every table it is about, and the command line prints them after the
per-table findings."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from conftest import ROOT
from jixiao.api import parse_file
from jixiao.model import Expenditure
from jixiao.review.cross import cross_review

FIXTURES = ROOT / "tests" / "fixtures" / "review"
PROJECT = (FIXTURES / "clean_project.txt").read_text(encoding="utf-8")


def _project(tmp_path: Path, name: str, *replaces: tuple[str, str]):
    text = PROJECT.replace("高新技术企业培育奖励资金", name)
    for old, new in replaces:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(str(path))[0]


def _department():
    return parse_file(str(FIXTURES / "clean_department.txt"))[0]


def _codes(tables) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.rule_code, f.tables) for f in cross_review(tables)]


def test_a_careful_unit_gives_no_cross_finding():
    """The department table and its project table, both written with care, agree."""
    assert _codes([_department(), parse_file(str(FIXTURES / "clean_project.txt"))[0]]) == []


def test_the_same_output_and_goal_in_two_projects(tmp_path):
    first = _project(tmp_path, "高新技术企业培育奖励资金")
    second = _project(tmp_path, "科技企业培育补助资金", ("申报辅导培训场次\t≥3场\t≥6场", "企业走访次数\t≥30次\t≥60次"))
    found = cross_review([first, second])
    assert {(f.rule_code, f.tables) for f in found} >= {("JX701", (0, 1)), ("JX702", (0, 1))}
    same_output = next(f for f in found if f.rule_code == "JX701")
    assert "“高新技术企业培育奖励资金”和“科技企业培育补助资金”" in same_output.message


def test_projects_that_differ_raise_nothing(tmp_path):
    first = _project(tmp_path, "高新技术企业培育奖励资金")
    second = _project(tmp_path, "科技企业培育补助资金", ("举办申报辅导培训6场", "举办企业走访活动60次"))
    second.indicators = [replace(i, full_year=replace(i.full_year, raw=i.full_year.raw + "（另行）"))
                         if i.full_year is not None else i for i in second.indicators]
    assert _codes([first, second]) == []


def test_project_budgets_above_the_department_project_spending():
    department = _department()
    department.expenditures = [Expenditure("基本支出", None, Decimal("1842.36")), Expenditure("项目支出", None, Decimal("700"))]
    project = parse_file(str(FIXTURES / "clean_project.txt"))[0]
    found = cross_review([department, project])
    assert [(f.rule_code, f.tables) for f in found] == [("JX703", (0, 1))]
    assert "预算合计 760 万元，超过部门整体表“扬州市科学技术局”的项目支出 700 万元" in found[0].message


def test_a_department_table_that_names_none_of_its_projects(tmp_path):
    department = _department()
    department.texts = {}
    department.indicators = [i for i in department.indicators if "高新" not in i.name and "高企" not in i.name]
    department.expenditures = []
    department.tasks = []
    department.indicators = [replace(i, extra={}) for i in department.indicators]
    found = cross_review([department, _project(tmp_path, "科技成果转化奖补资金")])
    assert [(f.rule_code, f.tables) for f in found] == [("JX704", (0, 1))]


def test_tables_of_other_units_or_years_are_not_compared(tmp_path):
    first = _project(tmp_path, "高新技术企业培育奖励资金")
    other = _project(tmp_path, "科技企业培育补助资金", ("扬州市科学技术局", "泰州市科学技术局"))
    assert _codes([first, other]) == []


def test_the_command_line_prints_cross_findings_after_the_tables(tmp_path):
    _project(tmp_path, "高新技术企业培育奖励资金")
    _project(tmp_path, "科技企业培育补助资金")
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    jixiao = [sys.executable, "-m", "jixiao"]
    text = subprocess.run([*jixiao, "review", *files], capture_output=True, text=True, check=False).stdout
    assert text.index("表间核对") > text.rindex("  质量分 ")  # after the last table
    assert "JX701" in text.split("表间核对")[1]
    data = json.loads(subprocess.run([*jixiao, "review", *files, "--format", "json"], capture_output=True, text=True,
                                     check=False).stdout)
    cross = {f["rule"]: f for f in data["cross_findings"]}
    assert [t["project"] for t in cross["JX702"]["tables"]] == ["科技企业培育补助资金", "高新技术企业培育奖励资金"]
    assert cross["JX702"]["concern"] == "表间一致性" and cross["JX702"]["severity"] == "warning"


def test_a_blank_every_table_of_one_form_shares_is_said_once(tmp_path):
    """Issue 11, point 4: the contact left blank (or 00) on every table of one form is the
    form's or the publisher's doing; one 提示 for the batch names the form, and the tables
    are not charged for it one by one. A table of that form that fills it in breaks the pattern."""
    from jixiao.review import review, review_batch

    contact = "陈立华/0514-87365128"
    first = _project(tmp_path, "高新技术企业培育奖励资金", (contact, ""))
    second = _project(tmp_path, "科技企业培育补助资金", (contact, "00"), ("举办申报辅导培训6场", "举办企业走访活动60次"))
    alone = review(first)
    assert "JX107" in {f.rule.code for f in alone.findings}  # one table on its own: its blank is its own
    reviews, cross = review_batch([first, second])
    folded = [f for f in cross if f.rule_code == "JX705"]
    assert len(folded) == 1 and folded[0].tables == (0, 1)
    assert "2 张" in folded[0].message and "项目负责人/联系电话" in folded[0].message
    for result in reviews:
        assert "JX107" not in {f.rule.code for f in result.findings}
    assert reviews[0].score == alone.score + 3  # the 警告 no longer costs the table
    filled = _project(tmp_path, "科技企业培育补助资金", ("举办申报辅导培训6场", "举办企业走访活动60次"))
    reviews, cross = review_batch([first, filled])
    assert "JX705" not in {f.rule_code for f in cross}
    assert "JX107" in {f.rule.code for f in reviews[0].findings}


def test_a_department_table_that_takes_up_a_project_covers_it(tmp_path):
    """Seed 001 carries the goal of 000's main project word for word without naming it: it
    covers the project (JX704 judged false there, precision/seeds.md)."""
    department = _department()
    department.indicators = [replace(i, extra={}) for i in department.indicators
                             if "高新" not in i.name and "高企" not in i.name]
    department.expenditures, department.tasks = [], []
    project = _project(tmp_path, "科技成果转化奖补资金")
    department.texts = {"annual_goal": "全局年度工作：" + project.texts["annual_goal"]}
    assert "JX704" not in {f.rule_code for f in cross_review([department, project])}
