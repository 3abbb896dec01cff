"""Cross-table review: the tables reviewed together (the files of one command line; later a
unit's tables of a year) checked against each other. Each finding names every table it is about.

A unit's tables are those of one 单位 (or 主管部门) and year; tables that name no unit are
taken together, as the files of one batch usually come from one unit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.model import Indicator, TargetTable
from jixiao.review.catalog import CONCERNS, INFO, PRACTICE, RULES, WARNING, CrossHit, Severity, cross_rule, CROSS_RULES
from jixiao.review.completeness import field_label
from jixiao.review.kinds import OUTPUT, RATE_UNITS, is_count
from jixiao.texts import compact

_SPENDING = f"{PRACTICE}：同一事项不应在不同项目中重复安排预算"


@dataclass(frozen=True, slots=True)
class CrossFinding:
    rule_code: str
    message: str
    tables: tuple[int, ...]  # positions in the batch
    covers: tuple[tuple[str, str], ...] = ()  # see CrossHit.covers

    @property
    def severity(self) -> Severity:
        return CROSS_RULES[self.rule_code].severity

    def to_json(self, batch: Sequence[TargetTable]) -> dict[str, Any]:
        rule = CROSS_RULES[self.rule_code]
        return {
            "rule": rule.code,
            "severity": rule.severity.value,
            "title": rule.title,
            "concern": CONCERNS[rule.concern],
            "message": self.message,
            "tables": [{"source": batch[i].source, "project": name_of(batch[i])} for i in self.tables],
            "basis": rule.basis,
            "suggestion": rule.suggestion,
        }


def cross_review(tables: Sequence[TargetTable]) -> list[CrossFinding]:
    """Every cross-table rule over the batch, unit by unit."""
    found: list[CrossFinding] = []
    for members in _units(tables).values():
        if len(members) < 2:
            continue
        group = [tables[i] for i in members]
        for rule in CROSS_RULES.values():
            for hit in rule.check(group):
                found.append(CrossFinding(rule.code, hit.message, tuple(members[i] for i in hit.tables), hit.covers))
    found.sort(key=lambda f: (-f.severity.rank, f.tables, f.rule_code))
    return found


def name_of(table: TargetTable) -> str:
    return table.project or table.unit or table.title or table.source


def _units(tables: Sequence[TargetTable]) -> dict[tuple[str, int | None], list[int]]:
    units: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for index, table in enumerate(tables):
        units[(table.unit or table.authority or "", table.year)].append(index)
    return units


def _label(table: TargetTable) -> str:
    return f"“{name_of(table)}”"


@cross_rule("JX701", "同一产出指标和指标值出现在两个项目中", INFO, "cross", _SPENDING,
            "核对两个项目是否为同一事项重复安排资金；确为不同事项的，在指标名称中写明区别。")
def same_output_in_two_projects(tables: list[TargetTable]) -> Iterator[CrossHit]:
    """Two project tables of one unit with the same output indicator and the same count
    (举办培训场次 ≥6场 in both): the same activity may be funded twice. Rates (=100%) and the
    standard rows every table carries are left out."""
    seen: dict[tuple[str, str], int] = {}
    for index, table in enumerate(tables):
        if table.kind != "project":
            continue
        for indicator in table.indicators:
            key = _output_key(indicator)
            if key is None:
                continue
            first = seen.setdefault(key, index)
            if first != index:
                yield CrossHit(f"{_label(tables[first])}和{_label(table)}都有产出指标“{indicator.name}”"
                               f"（{indicator.full_year.raw}）", (first, index))


def _output_key(indicator: Indicator) -> tuple[str, str] | None:
    target = indicator.full_year
    if indicator.level1 != OUTPUT or target is None or target.kind != "quantity" or target.unit in RATE_UNITS \
            or not is_count(target) or not target.value:
        return None
    return compact(indicator.name), compact(target.raw)


@cross_rule("JX702", "多个项目的年度目标文字相同", WARNING, "cross", PRACTICE,
            "按各项目的内容分别填写年度目标，写明各自要完成的数量、质量和时效。")
def same_goal_in_two_projects(tables: list[TargetTable]) -> Iterator[CrossHit]:
    """The same 年度目标, word for word, in two project tables: copied, not written for each."""
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        goal = compact(table.texts.get("annual_goal"))
        if table.kind != "project" or len(goal) < 20:
            continue
        first = seen.setdefault(goal, index)
        if first != index:
            yield CrossHit(f"{_label(tables[first])}和{_label(table)}的年度目标一字不差", (first, index))


@cross_rule("JX703", "项目表金额合计超过部门整体表的项目支出", WARNING, "cross", PRACTICE,
            "核对部门整体表的项目支出和各项目表的预算金额，使两者一致。")
def projects_exceed_department(tables: list[TargetTable]) -> Iterator[CrossHit]:
    """The budgets of a unit's project tables add up to more than the 项目支出 its department
    table states. (Less is no finding: the batch may hold only some of the projects.)"""
    for index, department in enumerate(tables):
        if department.kind != "department":
            continue
        stated = next((e.annual_wan for e in department.expenditures if e.name == "项目支出" and e.annual_wan), None)
        projects = [(i, _year_amount(t)) for i, t in enumerate(tables) if t.kind == "project"]
        projects = [(i, amount) for i, amount in projects if amount is not None]
        if stated is None or not projects:
            continue
        total = sum((amount for _, amount in projects), Decimal(0))
        if total - stated >= Decimal("0.01"):
            yield CrossHit(f"{len(projects)} 张项目表的预算合计 {total.normalize():f} 万元，超过部门整体表{_label(department)}"
                           f"的项目支出 {stated.normalize():f} 万元", (index, *(i for i, _ in projects)))


def _year_amount(table: TargetTable) -> Decimal | None:
    return table.current_year_amount_wan if table.current_year_amount_wan is not None else table.total_amount_wan


@cross_rule("JX704", "部门整体表没有涵盖项目表", INFO, "cross", PRACTICE,
            "在部门整体表的履职目标或指标中体现主要项目（写明对应项目），使整体目标覆盖各项目。")
def department_misses_projects(tables: list[TargetTable]) -> Iterator[CrossHit]:
    """A department-wide table whose duties, tasks, indicators and texts cover none of the
    unit's project tables reviewed with it: none is named, and none has its annual goal (its
    first 40 characters, as copied) or half its indicators taken up by the department's table."""
    projects = [(i, _Project(t)) for i, t in enumerate(tables) if t.kind == "project"]
    if not projects or not all(p.name for _, p in projects):
        return
    for index, department in enumerate(tables):
        if department.kind != "department":
            continue
        texts = compact("".join(department.texts.values()))
        said = texts + compact("".join(
            f"{i.name}{i.extra.get('linked_project') or ''}{i.extra.get('key_work') or ''}" for i in department.indicators)
            + "".join(f"{t.name}{t.content or ''}{t.project or ''}" for t in department.tasks))
        names = {compact(i.name) for i in department.indicators}
        if any(p.covered_by(said, texts, names) for _, p in projects):
            continue
        missing = [i for i, _ in projects]
        listed = "、".join(_label(tables[i]) for i in missing[:5]) + ("等" if len(missing) > 5 else "")
        yield CrossHit(f"部门整体表{_label(department)}的目标和指标中没有提到一同审核的项目{listed}", (index, *missing))


class _Project:
    """What of a project table a department's table may carry: its name, the start of its
    goal, its indicator names (each compacted once, however many departments ask)."""

    def __init__(self, table: TargetTable) -> None:
        self.name = compact(table.project)
        goal = compact(table.texts.get("annual_goal"))
        self.goal = goal[:40] if len(goal) >= 40 else ""
        self.indicators = {compact(i.name) for i in table.indicators}

    def covered_by(self, said: str, texts: str, names: set[str]) -> bool:
        if self.name in said or (self.goal and self.goal in texts):
            return True
        return bool(self.indicators) and len(self.indicators & names) * 2 >= len(self.indicators)


_YEAR_PREFIX = re.compile(r"^\s*\d{4}\s*年度?\s*")


@cross_rule("JX705", "同一表样的各表留空同一表头项", INFO, "cross", PRACTICE,
            "表样设有此项的，在填报说明中统一要求填写；公开版本有意隐去的（如联系电话），无需逐表退回。")
def same_blank_on_one_form(tables: list[TargetTable]) -> Iterator[CrossHit]:
    """A header field (JX107) blank or a placeholder (0, 00) on every table of one form: the
    form's or the publisher's doing (contacts masked in the published version), not each
    department's. Said once for the batch; the tables are not charged for it one by one."""
    forms: dict[tuple, list[int]] = defaultdict(list)
    for index, table in enumerate(tables):
        forms[_form_of(table)].append(index)
    blank_field = RULES["JX107"]
    for (kind, _, title, _), members in forms.items():
        if len(members) < 2:
            continue
        topics = [{hit.topic for hit in blank_field.check(tables[i]) if hit.topic} for i in members]
        name = title or ("部门整体支出绩效目标表" if kind == "department" else "项目支出绩效目标表")
        for topic in sorted(set.intersection(*topics)):
            yield CrossHit(f"{len(members)} 张“{name}”的“{field_label(topic, kind)}”都为空或为占位符（如“0”“00”）",
                           tuple(members), covers=(("JX107", topic),))


def _form_of(table: TargetTable) -> tuple:
    """What tells one form from another: kind, stage, the title without its year, and which
    header fields the form has."""
    fields = frozenset(key for key in ("project", "unit", "authority", "contact", "year") if key in table.provenance)
    return table.kind, table.stage, _YEAR_PREFIX.sub("", table.title or ""), fields
