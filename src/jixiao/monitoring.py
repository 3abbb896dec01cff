"""Monitoring at a checkpoint (绩效运行监控, "双监控"): how far each indicator has come against
what is due by then, how much of the budget is spent against the schedule, a colour for each
and for the table.

财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》 asks that, while the budget is
executed, spending progress and target attainment be watched together and deviations be
explained and corrected; it sets no thresholds. The ratios and colours here are those of a
provincial budget platform's monitoring configuration (DOMAIN.md C.3), every threshold
configurable per finance bureau (jixiao.config.Monitoring):

- budget: (spent / budget) ÷ (share of the year due) × 100: red below 60, yellow below 80,
  green from 80;
- a positive indicator: actual ÷ what is due by the month × 100: red below 60, yellow below
  80, green below 120, blue from 120 (far ahead: is the target too low?);
- a reverse indicator (≤, <, =0): green while the actual stays within its target, red beyond;
- a qualitative one: 达成 green, 部分达成 yellow, 未达成 red.

What is due by month m: the half-year target where the table states one as a quantity (at m = 6
exactly; before and after it, the straight line from 0 through the half-year target to the
full-year one: jixiao's reading, no source sets months other than 6 and 12); the time share
m/12 of the full-year target where the half-year says 序时进度 or is empty. A rate or a deadline
(合格率 =100%, ≤12月) is not cumulative: with no half-year target it is held to its full-year
value all year, except progress rates (执行率, 到位率, 完成率), which grow with the year. The
table's colour is its worst: red, then yellow, then green, then blue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao import attainment
from jixiao.actuals import Actuals, Observation
from jixiao.config import ACHIEVED, NOT_ACHIEVED, PARTIAL, Monitoring, Settings
from jixiao.model import Indicator, Target, TargetTable, decimal_text
from jixiao.review.kinds import is_progress

RED, YELLOW, GREEN, BLUE = "red", "yellow", "green", "blue"
COLOURS = {RED: "红", YELLOW: "黄", GREEN: "绿", BLUE: "蓝"}
# Worst first: a table takes the colour of its worst indicator.
SEVERITY = {RED: 4, YELLOW: 3, GREEN: 2, BLUE: 1}
_CUMULATIVE_EXCLUDED = frozenset(["%", "‰", "个百分点", "百分点", "月", "个月", "日", "天", "年", "周", "季度", "分", "级", "倍",
                                  "小时", "分钟", "个工作日", "工作日"])
_HUNDRED = Decimal(100)
_TWELVE = Decimal(12)


def worst(colours: list[str | None]) -> str | None:
    present = [c for c in colours if c is not None]
    return max(present, key=SEVERITY.__getitem__) if present else None


@dataclass(slots=True)
class IndicatorStatus:
    indicator: Indicator
    index: int
    observation: Observation | None
    due: Decimal | None = None  # what is due by the month, in the target's unit
    due_text: str | None = None  # how `due` was reached, for the report
    unit: str | None = None  # of `due`
    ratio: Decimal | None = None  # percent
    colour: str | None = None
    note: str | None = None  # why there is no colour, or what deserves a look

    def to_json(self) -> dict[str, Any]:
        o = self.observation
        return {
            "level1": self.indicator.level1, "level2": self.indicator.level2, "name": self.indicator.name,
            "half_year": self.indicator.half_year.raw if self.indicator.half_year else None,
            "full_year": self.indicator.full_year.raw if self.indicator.full_year else None,
            "month": o.month if o else None, "actual": o.raw if o else None,
            "due": decimal_text(_round(self.due)), "unit": self.unit, "due_basis": self.due_text,
            "ratio": decimal_text(_round(self.ratio, 1)), "colour": self.colour,
            "cause": list(o.causes) if o else [], "cause_text": o.cause_text if o else None,
            "likelihood": o.likelihood if o else None, "note": self.note,
        }


@dataclass(slots=True)
class BudgetStatus:
    budget_wan: Decimal | None
    spent_wan: Decimal | None
    due_share: Decimal  # percent of the budget due by the month
    due_basis: str
    rate: Decimal | None = None  # spent / budget, percent
    ratio: Decimal | None = None  # rate / due share × 100
    colour: str | None = None
    by_source: dict[str, Decimal] = field(default_factory=dict)
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "budget_wan": decimal_text(self.budget_wan), "spent_wan": decimal_text(self.spent_wan),
            "execution_rate": decimal_text(_round(self.rate, 1)), "due_share": decimal_text(_round(self.due_share, 1)),
            "due_basis": self.due_basis, "ratio": decimal_text(_round(self.ratio, 1)), "colour": self.colour,
            "by_source": {k: decimal_text(v) for k, v in self.by_source.items()}, "note": self.note,
        }


@dataclass(slots=True)
class MonitoringResult:
    table: TargetTable
    month: int
    indicators: list[IndicatorStatus]
    budget: BudgetStatus
    colour: str | None
    settings: Settings

    @property
    def missing(self) -> list[IndicatorStatus]:
        return [s for s in self.indicators if s.observation is None]

    def counts(self) -> dict[str, int]:
        return {c: sum(1 for s in self.indicators if s.colour == c) for c in COLOURS}

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.table.source, "project": self.table.project or self.table.unit, "year": self.table.year,
            "month": self.month, "colour": self.colour, "counts": self.counts(), "missing": len(self.missing),
            "budget": self.budget.to_json(), "indicators": [s.to_json() for s in self.indicators],
        }


def _round(value: Decimal | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places)).normalize() if value.is_finite() else value


def _indicator_colour(ratio: Decimal, limits: Monitoring) -> str:
    if ratio < limits.indicator_red_below:
        return RED
    if ratio < limits.indicator_yellow_below:
        return YELLOW
    if ratio < limits.indicator_blue_from:
        return GREEN
    return BLUE


def budget_colour(ratio: Decimal, limits: Monitoring) -> str:
    if ratio < limits.budget_red_below:
        return RED
    if ratio < limits.budget_yellow_below:
        return YELLOW
    return GREEN


def _cumulative(indicator: Indicator, target: Target) -> bool:
    """A count or amount builds up over the year; a rate or a deadline holds all year long,
    except a progress rate (执行率, 到位率, 完成率)."""
    if is_progress(indicator.name):
        return True
    units = (target.unit or "").split("、")
    return not any(u in _CUMULATIVE_EXCLUDED for u in units)


def due_by(indicator: Indicator, month: int) -> tuple[Decimal | None, str | None, Target | None]:
    """What is due by `month` for a quantity target, how it was reached, and the target it
    comes from; (None, note, None) where the indicator has no quantity target."""
    full, half = indicator.full_year, indicator.half_year
    half_quantity = half is not None and half.kind == "quantity" and half.value is not None
    full_quantity = full is not None and full.kind == "quantity" and full.value is not None
    if month >= 12 and full_quantity:
        return full.value, f"全年指标值 {full.raw}", full  # type: ignore[union-attr]
    if half_quantity and (not full_quantity or attainment.same_measure(half.unit, full.unit)):  # type: ignore[union-attr]
        target = full if full_quantity else half
        h = attainment.convert(half.value, half.unit, target.unit)  # type: ignore[union-attr,arg-type]
        if month == 6:
            return h, f"半年指标值 {half.raw}", target  # type: ignore[union-attr]
        if month < 6:
            if _cumulative(indicator, half):  # type: ignore[arg-type]
                return h * month / 6, f"半年指标值 {half.raw} × {month}/6", target  # type: ignore[operator,union-attr]
            return h, f"半年指标值 {half.raw}（比率或时限）", target  # type: ignore[union-attr]
        if not full_quantity:
            return h, f"半年指标值 {half.raw}", target  # type: ignore[union-attr]
        f = full.value  # type: ignore[union-attr]
        return h + (f - h) * (month - 6) / 6, f"半年 {half.raw} 至全年 {full.raw} 按月推算", target  # type: ignore[operator,union-attr]
    if not full_quantity:
        return None, None, None
    token = half.token if half is not None and half.kind == "schedule" else None
    if token == "完成半数" and month == 6:
        return full.value / 2, f"全年指标值 {full.raw} 的一半（完成半数）", full  # type: ignore[union-attr,operator]
    if token == "序时进度" or _cumulative(indicator, full):  # type: ignore[arg-type]
        basis = "序时进度" if token == "序时进度" else "按时间进度"
        return full.value * month / _TWELVE, f"全年指标值 {full.raw} × {month}/12（{basis}）", full  # type: ignore[union-attr,operator]
    return full.value, f"全年指标值 {full.raw}（比率或时限，全年适用）", full  # type: ignore[union-attr]


def _reverse_target(indicator: Indicator, month: int) -> Target | None:
    """The cap a reverse indicator is held to at `month`: its half-year target up to mid-year
    where it has one, else its full-year target; None for a positive indicator."""
    full, half = indicator.full_year, indicator.half_year
    main = full if full is not None and full.kind == "quantity" and full.value is not None else None
    if main is None or attainment.direction(main) != attainment.REVERSE:
        if main is None and half is not None and half.kind == "quantity" and half.value is not None \
                and attainment.direction(half) == attainment.REVERSE:
            return half
        return None
    if month <= 6 and half is not None and half.kind == "quantity" and half.value is not None \
            and attainment.direction(half) == attainment.REVERSE and attainment.same_measure(half.unit, main.unit):
        return half
    return main


def reverse_target(indicator: Indicator, month: int) -> Target | None:
    """The cap a reverse indicator is held to at `month` (None for a positive one): what the web
    application's chart draws as the target line of such an indicator."""
    return _reverse_target(indicator, month)


def _in_unit(value: Decimal | None, indicator: Indicator, target: Target) -> Decimal | None:
    """An actual (read in the full-year target's unit where that is a quantity) in `target`'s unit."""
    if value is None:
        return None
    full = indicator.full_year
    unit = full.unit if full is not None and full.kind == "quantity" else target.unit
    return attainment.convert(value, unit, target.unit)


def _status(indicator: Indicator, index: int, observation: Observation | None, month: int,
            limits: Monitoring) -> IndicatorStatus:
    status = IndicatorStatus(indicator, index, observation)
    if observation is None:
        status.note = "未填报"
        return status
    reading = observation.reading
    if reading.grade is not None:
        status.colour = {ACHIEVED: GREEN, PARTIAL: YELLOW, NOT_ACHIEVED: RED}[reading.grade]
    else:
        target = _reverse_target(indicator, month)
        if target is not None:
            # A cap (≤90万元, ≤12月, =0) holds as it stands at any month: not scaled by time.
            status.due, status.due_text = target.value, f"{'半年' if target is indicator.half_year else '全年'}指标值 {target.raw}"
            status.unit = target.unit
            actual = _in_unit(reading.value, indicator, target)
            if actual is None:
                status.note = "没有可比较的数值指标值"
            else:
                met = actual < target.value if target.comparator == "<" else actual <= target.value  # type: ignore[operator]
                status.colour = GREEN if met else RED
                if target.value:
                    status.ratio = actual / target.value * _HUNDRED
        else:
            due, basis, target = due_by(indicator, month)
            status.due, status.due_text = due, basis
            status.unit = target.unit if target is not None else None
            if due is None or reading.value is None:
                status.note = "没有可比较的数值指标值"
            elif due <= 0:
                status.colour = GREEN if reading.value >= due else RED
            else:
                status.ratio = reading.value / due * _HUNDRED
                status.colour = _indicator_colour(status.ratio, limits)
    if observation.likelihood == "完全不可能" and limits.impossible_is_red:
        status.colour = RED
        status.note = "填报完成可能性为“完全不可能”"
    elif status.colour in (RED, YELLOW, BLUE) and not (observation.causes or observation.cause_text):
        status.note = "偏离进度，未填写偏差原因"
    return status


def _budget(table: TargetTable, actuals: Actuals, month: int, limits: Monitoring) -> BudgetStatus:
    budget = actuals.budget(table)
    spent = actuals.spent_by(month)
    planned = [e.half_year_wan for e in table.expenditures]
    half_plan = sum(planned, Decimal(0)) if planned and all(p is not None for p in planned) else None  # type: ignore[misc]
    if month >= 12 or not budget:
        share, basis = Decimal(month) / _TWELVE * _HUNDRED, f"{month}/12（序时进度）"
    elif half_plan is not None and month == 6:
        share, basis = half_plan / budget * _HUNDRED, f"半年计划执行数 {decimal_text(half_plan)} 万元"
    elif half_plan is not None:
        h = half_plan / budget * _HUNDRED
        share = h * month / 6 if month < 6 else h + (_HUNDRED - h) * (month - 6) / 6
        basis = f"半年计划执行数 {decimal_text(half_plan)} 万元起按月推算"
    else:
        share, basis = Decimal(month) / _TWELVE * _HUNDRED, f"{month}/12（序时进度）"
    status = BudgetStatus(budget, spent, share, basis, by_source=actuals.by_source(month))
    if spent is None:
        status.note = "未填报支出"
    elif not budget:
        status.note = "没有全年预算数，无法计算执行率"
    else:
        status.rate = spent / budget * _HUNDRED
        if share > 0:
            status.ratio = status.rate / share * _HUNDRED
            status.colour = budget_colour(status.ratio, limits)
        else:
            status.colour = GREEN
            status.note = "截至本月计划支出为 0"
    return status


def monitor(table: TargetTable, actuals: Actuals, month: int, settings: Settings) -> MonitoringResult:
    """Each indicator's and the budget's progress at the end of `month` (1-12), with colours."""
    if not 1 <= month <= 12:
        raise ValueError(f"月份应为 1 到 12 之间的整数，而不是 {month}")
    limits = settings.monitoring
    statuses = []
    for index, indicator in enumerate(table.indicators):
        record = actuals.of(index)
        statuses.append(_status(indicator, index, record.at(month) if record else None, month, limits))
    budget = _budget(table, actuals, month, limits)
    colour = worst([s.colour for s in statuses] + [budget.colour])
    return MonitoringResult(table, month, statuses, budget, colour, settings)
