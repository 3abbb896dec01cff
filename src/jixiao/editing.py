"""Editing a target table as a person does in a form: the table as a sheet of plain strings,
and the sheet, changed, made back into a table with its targets read again by the value
grammar and its level-2 blocks recounted. Also what changed, in words, for the history.

The sheet keeps each indicator's place of origin (`origin`, its index in the table it came
from), so that an edited indicator keeps its line, its optional columns and its split cells."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from jixiao.headers import TEXT_LABELS
from jixiao.model import Category, Expenditure, FundingSource, Indicator, Target, TargetTable, Task, decimal_text
from jixiao.tasks import SUMMED
from jixiao.values import parse_decimal, parse_target, unit_from_name

HEADER_LABELS = {
    "title": "表名", "year": "年度", "unit": "单位", "authority": "主管部门", "project": "项目名称",
    "project_type": "项目类型", "project_level": "项目级次", "start": "开始时间", "end": "完成时间",
    "contact": "项目负责人/联系电话", "total_amount_wan": "资金总额（万元）",
    "current_year_amount_wan": "本年度金额（万元）",
}
AMOUNTS = ("total_amount_wan", "current_year_amount_wan")
TASK_LABELS = {"name": "任务名称", "content": "主要内容", "duty": "部门职能", "project": "支出项目",
               "amount_wan": "预算金额", "appropriation_wan": "财政拨款", "other_wan": "其他资金"}
INDICATOR_LABELS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标",
                    "half_year": "半年（程）指标值", "full_year": "全年（程）指标值"}


@dataclass(frozen=True, slots=True)
class Change:
    """One changed place, in words: 指标“专利授权量”的全年（程）指标值: ≥10件 → ≥12件."""

    place: str
    before: str
    after: str

    def to_json(self) -> dict[str, str]:
        return {"place": self.place, "before": self.before, "after": self.after}


class SheetError(ValueError):
    """What in an edited sheet cannot become a table: each problem names its place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value) or ""
    return str(value)


def _raw(target: Target | None) -> str:
    return target.raw if target is not None else ""


def to_sheet(table: TargetTable) -> dict[str, Any]:
    """The table as the editor shows it: every value a string, empty where absent."""
    return {
        "header": {key: _text(getattr(table, key)) for key in HEADER_LABELS},
        "texts": dict(table.texts),
        "funding": [{"name": f.name, "amount_wan": _text(f.amount_wan), "parent": f.parent or ""} for f in table.funding],
        "expenditures": [{"name": e.name, "half_year_wan": _text(e.half_year_wan), "annual_wan": _text(e.annual_wan)}
                         for e in table.expenditures],
        "tasks": [{key: _text(getattr(t, key)) for key in TASK_LABELS} for t in table.tasks],
        "indicators": [{"origin": n, "level1": i.level1 or "", "level2": i.level2 or "", "name": i.name,
                        "half_year": _raw(i.half_year), "full_year": _raw(i.full_year)}
                       for n, i in enumerate(table.indicators)],
    }


def _amount(text: str, place: str, problems: list[str]) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    value = parse_decimal(text)
    if value is None:
        problems.append(f"{place}应为以万元计的数字，而不是“{text}”")
    return value


def _target(text: str, name: str, kept: Target | None) -> Target | None:
    text = (text or "").strip()
    if not text:
        return None
    if kept is not None and kept.raw.strip() == text:
        return kept  # unchanged: keep how it was written (split cells)
    return parse_target(text, unit_from_name(name))


def check_target(text: str, name: str = "") -> dict[str, Any]:
    """What the value grammar reads in a target as it is typed, and a Chinese verdict."""
    text = (text or "").strip()
    if not text:
        return {"ok": True, "kind": None, "message": "未填写"}
    target = parse_target(text, unit_from_name(name))
    verdicts = {
        "quantity": "数量指标：" + "".join(x for x in (target.comparator, decimal_text(target.value), target.unit) if x),
        "qualitative": f"等级指标：{target.token}",
        "schedule": f"进度指标：{target.token}",
        "text": "无法识别为可衡量的指标值（应如“≥1500家”“=100%”“序时进度”“合规”）",
    }
    return {"ok": target.kind != "text", **target.to_json(), "message": verdicts[target.kind]}


def from_sheet(table: TargetTable, sheet: dict[str, Any]) -> TargetTable:
    """A new table: `table` with the sheet's values. Raises SheetError naming each bad place."""
    problems: list[str] = []
    new = copy.deepcopy(table)
    header = sheet.get("header", {})
    for key, label in HEADER_LABELS.items():
        value = (header.get(key) or "").strip()
        if key == "year":
            if value and not (value.isdigit() and len(value) == 4):
                problems.append(f"年度应为四位数字，而不是“{value}”")
                continue
            new.year = int(value) if value else None
        elif key in AMOUNTS:
            setattr(new, key, _amount(value, label, problems))
        else:
            setattr(new, key, value or None)
    new.texts = {key: (text or "").strip() for key, text in sheet.get("texts", {}).items()}

    new.funding = []
    for n, row in enumerate(sheet.get("funding", []), 1):
        if not (row.get("name") or "").strip():
            problems.append(f"资金来源第{n}行没有名称")
            continue
        old = next((f for f in table.funding if f.name == row["name"].strip()), None)
        new.funding.append(FundingSource(row["name"].strip(), _amount(row.get("amount_wan", ""), f"资金来源“{row['name']}”的金额", problems),
                                         (row.get("parent") or "").strip() or None,
                                         old.execution if old else None, old.line if old else None))
    new.expenditures = []
    for n, row in enumerate(sheet.get("expenditures", []), 1):
        name = (row.get("name") or "").strip()
        if not name:
            problems.append(f"支出第{n}行没有名称")
            continue
        old = next((e for e in table.expenditures if e.name == name), None)
        new.expenditures.append(Expenditure(
            name, _amount(row.get("half_year_wan", ""), f"支出“{name}”的半年计划执行数", problems),
            _amount(row.get("annual_wan", ""), f"支出“{name}”的全年预算数", problems), old.line if old else None))

    if sheet.get("tasks") is not None:  # a sheet without them (an older client's) leaves them as they are
        new.tasks = _tasks(table, sheet["tasks"], problems)
    new.indicators = _indicators(table, sheet.get("indicators", []), problems)
    new.categories = _categories(table, new.indicators)
    if problems:
        raise SheetError(problems)
    return new


def apply_sheet(table: TargetTable, sheet: dict[str, Any]) -> tuple[TargetTable, list[Change]]:
    """The edited table and what changed. Indicators are compared by their place of origin,
    so a moved row reads as moved, not as every row after it changed."""
    new = from_sheet(table, sheet)
    after = to_sheet(new)
    for row, sent in zip(after["indicators"], sheet.get("indicators", [])):
        origin = sent.get("origin")
        row["origin"] = origin if isinstance(origin, int) and 0 <= origin < len(table.indicators) else None
    return new, changes(to_sheet(table), after)


def _tasks(table: TargetTable, rows: list[dict[str, Any]], problems: list[str]) -> list[Task]:
    """The annual tasks (年度主要任务) of the sheet; a task keeps its line by its name."""
    found: list[Task] = []
    for n, row in enumerate(rows, 1):
        text = {key: " ".join((row.get(key) or "").split()) for key in ("name", "duty", "project")}
        if not text["name"]:
            problems.append(f"年度主要任务第{n}行没有任务名称")
            continue
        old = next((t for t in table.tasks if t.name == text["name"]), None)
        amounts = {key: _amount(row.get(key, ""), f"任务“{text['name']}”的{label}", problems)
                   for key, label in SUMMED.values()}  # the reader's amount columns, by field
        found.append(Task(text["name"], (row.get("content") or "").strip() or None, text["duty"] or None,
                          text["project"] or None, **amounts, line=old.line if old else None))
    return found


def _indicators(table: TargetTable, rows: list[dict[str, Any]], problems: list[str]) -> list[Indicator]:
    """The sheet's rows as indicators. A row from the table keeps its line and optional
    columns; a new row is numbered after every line the table has, so it stays unique."""
    fresh = max([i.line for i in table.indicators] + [c.line for c in table.categories] + [0]) + 1
    found: list[Indicator] = []
    for n, row in enumerate(rows, 1):
        name = " ".join((row.get("name") or "").split())
        if not name:
            problems.append(f"第{n}个指标没有三级指标名称")
            continue
        origin = row.get("origin")
        old = table.indicators[origin] if isinstance(origin, int) and 0 <= origin < len(table.indicators) else None
        if old is not None:
            line, extra = old.line, dict(old.extra)
        else:
            line, extra, fresh = fresh, {}, fresh + 1
        found.append(Indicator(
            (row.get("level1") or "").strip() or None, (row.get("level2") or "").strip() or None, name,
            _target(row.get("half_year", ""), name, old.half_year if old else None),
            _target(row.get("full_year", ""), name, old.full_year if old else None), line, extra))
    return found


def _categories(table: TargetTable, indicators: list[Indicator]) -> list[Category]:
    """Every level-2 block the table had, recounted, and one for each new pair. A block left
    with no indicator stays, empty, where it was: the review asks why it is empty."""
    counts: dict[tuple[str | None, str | None], int] = {}
    for i in indicators:
        counts[i.level1, i.level2] = counts.get((i.level1, i.level2), 0) + 1
    found = [replace(c, count=counts.pop((c.level1, c.level2), 0)) for c in table.categories]
    first_line = {}
    for i in indicators:
        first_line.setdefault((i.level1, i.level2), i.line)
    found += [Category(l1, l2, first_line[l1, l2], count) for (l1, l2), count in counts.items()]
    return found


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What differs between two sheets, in words a reviewer reads."""
    found: list[Change] = []
    for key, label in HEADER_LABELS.items():
        a, b = before["header"].get(key, ""), after["header"].get(key, "")
        if a != b:
            found.append(Change(label, a, b))
    for key in dict.fromkeys([*before["texts"], *after["texts"]]):
        a, b = before["texts"].get(key, ""), after["texts"].get(key, "")
        if a != b:
            found.append(Change(TEXT_LABELS.get(key, key), a, b))
    for section, label in (("funding", "资金来源"), ("expenditures", "支出"), ("tasks", "年度主要任务")):
        a = [_line(row) for row in before.get(section, [])]
        b = [_line(row) for row in after.get(section, [])]
        if a != b:
            found.append(Change(label, "\n".join(a), "\n".join(b)))
    found += _indicator_changes(before["indicators"], after["indicators"])
    return found


def _line(row: dict[str, str]) -> str:
    return " ".join(value for key, value in row.items() if value)


def _indicator_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    found: list[Change] = []
    kept = {row["origin"]: row for row in after if row.get("origin") is not None}
    for row in before:
        if row["origin"] not in kept:
            found.append(Change(f"指标“{row['name']}”", _describe(row), "（删除）"))
    # A row moved when the rows kept on both sides are in another order, not when rows were
    # added or removed around it.
    order_before = [row["origin"] for row in before if row["origin"] in kept]
    order_after = [row["origin"] for row in after if row.get("origin") is not None]
    places = {row["origin"]: n for n, row in enumerate(before, 1)}
    for n, row in enumerate(after, 1):
        origin = row.get("origin")
        if origin is None:
            found.append(Change(f"指标“{row['name']}”", "（新增）", _describe(row)))
            continue
        old = next(r for r in before if r["origin"] == origin)
        for key, label in INDICATOR_LABELS.items():
            if (old.get(key) or "") != (row.get(key) or ""):
                found.append(Change(f"指标“{old['name']}”的{label}", old.get(key) or "", row.get(key) or ""))
        if order_before != order_after and order_before.index(origin) != order_after.index(origin):
            found.append(Change(f"指标“{row['name']}”的位置", f"第{places[origin]}个", f"第{n}个"))
    return found


def _describe(row: dict[str, Any]) -> str:
    return " / ".join(row.get(key) or "—" for key in INDICATOR_LABELS)
