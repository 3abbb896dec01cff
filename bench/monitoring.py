"""Monitoring and self-evaluation throughput on a province-year: 40,000 tables built from the
seeds and the real tables of tests/corpus/, each with generated actual values, monitored at
mid-year and scored at year-end, on one core.

Run with `make bench` (or `taskset -c 0 .venv/bin/python bench/monitoring.py [--tables N]`).
Every table gets its own actual values (a mid-year and a year-end value for every indicator,
spending by June and December), drawn from a fixed seed so that runs compare: quantities
around what is due (60% to 125% of it by June, 70% to 140% of the target at year-end),
qualitative results mostly reached. The figures are tables per second for

- reading the values: each actual read with the target grammar and checked against its target
  (what `jixiao monitor` and `evaluate` do with the file a unit fills in);
- monitoring at month 6 (progress, colours, the budget against its schedule);
- scoring at month 12 (points, deduction, cap, grade), department tables with the weights a
  bureau would set (jixiao has no default for them).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
from decimal import Decimal
from pathlib import Path

from jixiao import attainment
from jixiao.actuals import Actuals, IndicatorActuals, Observation, Spending, table_budget
from jixiao.api import parse_file
from jixiao.config import ATTAINMENT_WORDS, from_mapping
from jixiao.evaluation import EvaluationError, evaluate
from jixiao.monitoring import due_by, monitor

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
CORPUS = ROOT / "tests" / "corpus"
# A bureau's settings: the defaults, and weights for department tables (no national default).
SETTINGS = from_mapping({"evaluation": {
    "department": {"level1_weights": {"决策": 10, "过程": 20, "履职": 30, "产出": 10, "效益": 20, "满意度": 10},
                   "execution_weight": 0},
    "unscored_level1": ["决策", "过程", "投入", "成本"]}})
GRADES = list(ATTAINMENT_WORDS.values())
GRADE_WEIGHTS = (90, 8, 2)  # most qualitative targets are reached


def sources() -> list:
    """The tables a province-year is built from: every seed table and every corpus table
    with indicators."""
    tables = [t for seed in SEEDS for t in parse_file(str(seed))]
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.name in ("gold.json", "source.md"):
                continue
            try:
                tables += parse_file(str(path))
            except Exception:  # noqa: BLE001 (a corpus file the importer cannot read is no bench table)
                continue
    return [t for t in tables if t.indicators]


def _value(target, rng: random.Random, share: tuple[float, float]) -> str:
    if target is not None and target.kind == "quantity" and target.value is not None:
        base = target.value if target.value else Decimal(1)
        number = (base * Decimal(str(round(rng.uniform(*share), 3)))).quantize(Decimal("0.01")).normalize()
        return f"{number:f}{target.unit or ''}"
    return rng.choices(GRADES, GRADE_WEIGHTS)[0]


def raw_values(table, rng: random.Random) -> tuple[list[tuple[int, int, str]], Decimal]:
    """(indicator, month, value as written) for every indicator at months 6 and 12, and the budget."""
    values = []
    for index, indicator in enumerate(table.indicators):
        target = indicator.full_year if indicator.full_year is not None else indicator.half_year
        due, _, _ = due_by(indicator, 6)
        if due is not None and due > 0 and target is not None and target.kind == "quantity":
            number = (due * Decimal(str(round(rng.uniform(0.6, 1.25), 3)))).quantize(Decimal("0.01")).normalize()
            values.append((index, 6, f"{number:f}{target.unit or ''}"))  # around what is due by June
        else:
            values.append((index, 6, _value(target, rng, (0.3, 0.8))))
        values.append((index, 12, _value(target, rng, (0.7, 1.4))))
    return values, table_budget(table) or Decimal(100)


def read_values(table, raw: list[tuple[int, int, str]], budget: Decimal, rng: random.Random) -> Actuals:
    """Each value read against its target, as jixiao.actuals does for a unit's file."""
    actuals = Actuals(source=table.source, budget_wan=budget)
    for index, month, text in raw:
        indicator = table.indicators[index]
        target = indicator.full_year if indicator.full_year is not None else indicator.half_year
        reading = attainment.read(text, target, indicator.name)
        record = actuals.indicators.setdefault(index, IndicatorActuals(index))
        record.observations[month] = Observation(month, reading, ("经费保障",) if rng.random() < 0.3 else ())
    actuals.spending = [Spending(None, 6, (budget * Decimal(str(round(rng.uniform(0.3, 0.6), 3))))),
                        Spending(None, 12, (budget * Decimal(str(round(rng.uniform(0.6, 1.02), 3)))))]
    return actuals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=40_000, help="tables in the province-year")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the median is the figure")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as under taskset -c 0
    base = sources()
    rng = random.Random(2026)
    province = [base[n % len(base)] for n in range(args.tables)]
    raws = [raw_values(t, rng) for t in province]
    indicators = sum(len(t.indicators) for t in province)
    kinds = sum(1 for t in province if t.kind == "department")
    print(f"表 {len(province)} 张（取自 {len(base)} 张种子表和语料表，其中部门整体表 {kinds} 张），三级指标 {indicators} 个，"
          f"实际值 {2 * indicators} 个（单核）")
    reading_rates, monitoring_rates, scoring_rates, both_rates = [], [], [], []
    for _ in range(args.rounds):
        attainment.attainment_words.cache_clear()
        from jixiao import values

        values._parse.cache_clear()
        gc.collect()
        rng = random.Random(7)
        start = time.perf_counter()
        actuals = [read_values(t, raw, budget, rng) for t, (raw, budget) in zip(province, raws)]
        read_time = time.perf_counter() - start
        start = time.perf_counter()
        colours: dict[str | None, int] = {}
        for table, values_ in zip(province, actuals):
            colour = monitor(table, values_, 6, SETTINGS).colour
            colours[colour] = colours.get(colour, 0) + 1
        monitor_time = time.perf_counter() - start
        start = time.perf_counter()
        grades: dict[str, int] = {}
        refused = 0
        for table, values_ in zip(province, actuals):
            try:
                grade = evaluate(table, values_, SETTINGS).grade
            except EvaluationError:
                refused += 1
                continue
            grades[grade] = grades.get(grade, 0) + 1
        score_time = time.perf_counter() - start
        n = len(province)
        reading_rates.append(n / read_time)
        monitoring_rates.append(n / monitor_time)
        scoring_rates.append(n / score_time)
        both_rates.append(n / (read_time + monitor_time + score_time))
        print(f"读值 {read_time:.2f} 秒，监控 {monitor_time:.2f} 秒，自评 {score_time:.2f} 秒；"
              f"颜色 {dict(sorted(colours.items(), key=str))}；等级 {dict(sorted(grades.items()))}；无法计分 {refused} 张")
        del actuals
    median = statistics.median
    print(f"吞吐量（{args.rounds} 轮中位数，单核）：读值校验 {median(reading_rates):,.0f} 张表/秒；"
          f"半年监控 {median(monitoring_rates):,.0f} 张表/秒；年终自评计分 {median(scoring_rates):,.0f} 张表/秒；"
          f"三者合计 {median(both_rates):,.0f} 张表/秒")


if __name__ == "__main__":
    main()
