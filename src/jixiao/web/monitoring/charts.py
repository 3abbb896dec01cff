"""The data of the chart per indicator on the monitoring page: what is due by each month (the
target, drawn as a line) against the actual values entered, over the year.

The target line is the core's own reading of what is due (jixiao.monitoring.due_by: the
half-year target at June, the time share of the full-year target where the half-year says
序时进度, the straight line between them in other months), or the cap of a reverse indicator
(jixiao.monitoring.reverse_target), in the unit the actual values are read in. The page passes
this data with Django's json_script filter and static/jixiao/monitoring.js draws it with
ECharts; no inline script, under the Content-Security-Policy."""

from __future__ import annotations

from decimal import Decimal

from jixiao import attainment, monitoring
from jixiao.actuals import Actuals, target_of
from jixiao.model import Indicator, TargetTable


def _number(value: Decimal | None) -> float | None:
    return None if value is None or not value.is_finite() else round(float(value), 4)


def _line(indicator: Indicator) -> tuple[list[float | None], str | None, bool]:
    """The target at the end of each month 1-12 in the unit actual values are read in, the unit,
    and whether the indicator is a reverse one (a cap, not a quantity to reach)."""
    read_in = target_of(indicator)
    unit = read_in.unit if read_in is not None else None
    line: list[float | None] = []
    reverse = False
    for month in range(1, 13):
        cap = monitoring.reverse_target(indicator, month)
        if cap is not None:
            reverse = True
            value = attainment.convert(cap.value, cap.unit, unit) if cap.value is not None else None
        else:
            due, _, target = monitoring.due_by(indicator, month)
            value = attainment.convert(due, target.unit, unit) if due is not None and target is not None else None
        line.append(_number(value))
    return line, unit, reverse


def chart_data(parsed: TargetTable, found: Actuals) -> list[dict]:
    """One entry per indicator with a numeric target: its target line and its actual values by
    month. Qualitative indicators have no line; the page lists their grades instead."""
    charts = []
    for index, indicator in enumerate(parsed.indicators):
        line, unit, reverse = _line(indicator)
        if all(v is None for v in line):
            continue
        record = found.of(index)
        points = []
        for month, observation in sorted(record.observations.items()) if record else ():
            if observation.reading.value is not None:
                points.append([month, _number(observation.reading.value)])
        charts.append({
            "index": index, "name": indicator.name, "unit": unit or "", "reverse": reverse,
            "level1": indicator.level1 or "", "level2": indicator.level2 or "",
            "half_year": indicator.half_year.raw if indicator.half_year else "",
            "full_year": indicator.full_year.raw if indicator.full_year else "",
            "target": line, "actual": points,
        })
    return charts
