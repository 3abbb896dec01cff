"""Self-evaluation scoring (绩效自评) of a table from its year-end actual values.

The method is that of the 项目支出绩效自评表 under 财预〔2020〕10号《项目支出绩效评价管理办法》
as local governments publish it, with the rules a provincial 预算管理一体化 platform applies
(DOMAIN.md C.1); every number comes from jixiao.config and can be set per finance bureau:

1. Level-1 weights: 产出 50, 效益 30, 服务对象满意度 10, and 10 for the budget execution rate.
   A weighted block with no indicator is left out and the rest scaled to 100 ("不适用的指标
   不考核，按百分制折算"). Blocks the template does not score (决策, 过程) are listed apart.
2. Within a level-1, indicators share its weight equally unless the unit sets their points.
3. A quantitative indicator scores by completion in the direction of its comparator:
   positive (≥, >, =N, a bare value): full points once reached, else weight × actual / target;
   reverse (≤, <): full points within the target, falling to 0 at twice the target
   (weight × (1 − (actual − target) / target)), or weight × target / actual in the local
   variant; =0: full points at 0 or below, else 0.
4. A qualitative indicator scores a share of its weight by grade: 达成年度指标 within
   [80%, 100%], 部分达成年度指标并具有一定效果 within [60%, 80%), 未达成年度指标且效果较差
   below 60%; jixiao gives 100%, 70% and 30% (the top of the first band and the middle of the
   others) unless the bureau says otherwise.
5. An actual 30% or more above its target is a deviation: 2 points off (never below 0).
6. Execution points: weight × min(spent / adjusted budget, 1).
7. The total is capped by the execution rate: below 80% at most 89, below 70% 79, below 60% 69,
   below 50% 59; then graded 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.

Arithmetic is exact (Decimal); scores are rounded to two places only when shown, and the
total is the exact sum rounded, so that the worked example of DOMAIN.md C.1 gives 83.72.
Department-wide tables (决策 / 过程 / 履职 / 效益 / 满意度) are scored only with weights a
bureau has set: no national default exists, and jixiao invents none.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from collections.abc import Callable
from typing import Any

from jixiao import attainment
from jixiao.actuals import Actuals, Observation
from jixiao.config import ATTAINMENT_WORDS, Evaluation, Scheme, Settings
from jixiao.model import BudgetExecution, Category, FundingSource, Indicator, Target, TargetTable, decimal_text

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
YEAR_END = 12


class EvaluationError(ValueError):
    """A table that cannot be scored with these settings; the message says what to set."""


def q2(value: Decimal) -> Decimal:
    """Two places, half up: how scores are shown and written."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _n(value: Decimal) -> str:
    """A number as shown in explanations: at most two places, no trailing zeros."""
    text = format(q2(value).normalize(), "f")
    return text


@dataclass(slots=True)
class IndicatorScore:
    indicator: Indicator
    index: int
    weight: Decimal
    observation: Observation | None
    points: Decimal = Decimal(0)  # before the deviation deduction
    deduction: Decimal = Decimal(0)
    completion: Decimal | None = None  # actual / target, percent
    deviation: Decimal | None = None  # (actual − target) / target, percent
    method: str = ""
    # The arithmetic in words, written only when shown: a province's scoring never shows most of it.
    explain: Callable[[], str] | None = None
    note: str | None = None

    @property
    def explanation(self) -> str:
        return self.explain() if self.explain is not None else ""

    @property
    def score(self) -> Decimal:
        return max(self.points - self.deduction, Decimal(0))

    def to_json(self) -> dict[str, Any]:
        o = self.observation
        return {
            "level1": self.indicator.level1, "level2": self.indicator.level2, "name": self.indicator.name,
            "target": self.indicator.full_year.raw if self.indicator.full_year else None,
            "actual": o.raw if o else None, "weight": decimal_text(q2(self.weight)),
            "points": decimal_text(q2(self.points)), "deduction": decimal_text(q2(self.deduction)),
            "score": decimal_text(q2(self.score)), "completion": decimal_text(_maybe(self.completion)),
            "deviation": decimal_text(_maybe(self.deviation)), "method": self.method,
            "explanation": self.explanation, "reason": o.reason() if o else None, "note": self.note,
        }


def _maybe(value: Decimal | None) -> Decimal | None:
    return q2(value) if value is not None else None


@dataclass(slots=True)
class ExecutionScore:
    weight: Decimal
    budget_wan: Decimal | None
    spent_wan: Decimal | None
    rate: Decimal | None = None  # percent
    score: Decimal = Decimal(0)
    note: str | None = None
    by_source: dict[str, Decimal] = field(default_factory=dict)  # spent per funding source

    def to_json(self) -> dict[str, Any]:
        return {"weight": decimal_text(self.weight), "budget_wan": decimal_text(self.budget_wan),
                "spent_wan": decimal_text(self.spent_wan), "rate": decimal_text(_maybe(self.rate)),
                "score": decimal_text(q2(self.score)), "note": self.note}


@dataclass(slots=True)
class EvaluationResult:
    table: TargetTable
    scores: list[IndicatorScore]
    execution: ExecutionScore
    block_weights: dict[str, Decimal]  # level-1 → weight, blocks with indicators only
    missing_blocks: dict[str, Decimal]  # weighted level-1s the table has no indicator in
    unscored: list[Indicator]
    subtotal: Decimal  # indicators + execution, before scaling and cap
    scaled: Decimal  # after scaling to 100 where blocks are missing
    cap: Decimal | None
    total: Decimal  # exact, after the cap
    grade: str
    warnings: list[str] = field(default_factory=list)

    @property
    def shown_total(self) -> Decimal:
        return q2(self.total)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.table.source, "project": self.table.project or self.table.unit, "year": self.table.year,
            "kind": self.table.kind, "total": decimal_text(self.shown_total), "grade": self.grade,
            "subtotal": decimal_text(q2(self.subtotal)), "scaled": decimal_text(q2(self.scaled)),
            "cap": decimal_text(self.cap), "execution": self.execution.to_json(),
            "blocks": {k: decimal_text(q2(v)) for k, v in self.block_weights.items()},
            "missing_blocks": {k: decimal_text(v) for k, v in self.missing_blocks.items()},
            "indicators": [s.to_json() for s in self.scores],
            "unscored": [i.name for i in self.unscored], "warnings": list(self.warnings),
        }


# ------------------------------------------------------------------------- one indicator
def quantity_points(weight: Decimal, actual: Decimal, target: Target,
                    rules: Evaluation) -> tuple[Decimal, Decimal | None, Callable[[], str]]:
    """Points of a quantitative indicator before any deduction, its completion (percent) and
    the arithmetic in words (a function: written only when shown)."""
    t = target.value
    assert t is not None
    w = lambda: _n(weight)  # noqa: E731
    if attainment.direction(target) == attainment.REVERSE:
        if t <= 0:
            met = actual <= t
            return (weight if met else Decimal(0)), None, \
                lambda: f"反向指标，目标 {_n(t)}，实际 {_n(actual)}：{'未超过目标，得满分' if met else '超过目标，得 0 分'}"
        completion = t / actual * HUNDRED if actual > 0 else None
        if actual <= t:
            return weight, completion, lambda: f"反向指标，实际 {_n(actual)} ≤ 目标 {_n(t)}，得满分 {w()}"
        if rules.reverse_rule == "ratio":
            points = weight * t / actual
            return points, completion, lambda: f"反向指标：{w()} × {_n(t)} ÷ {_n(actual)} = {_n(points)}"
        if actual >= 2 * t:
            return Decimal(0), completion, lambda: f"反向指标，实际 {_n(actual)} ≥ 目标的 2 倍 {_n(2 * t)}，得 0 分"
        points = weight * (1 - (actual - t) / t)
        return points, completion, lambda: f"反向指标：{w()} × (1 − ({_n(actual)} − {_n(t)}) ÷ {_n(t)}) = {_n(points)}"
    if t <= 0:
        met = actual >= t
        return (weight if met else Decimal(0)), None, lambda: f"目标 {_n(t)}，实际 {_n(actual)}：{'达到，得满分' if met else '未达到，得 0 分'}"
    completion = actual / t * HUNDRED
    if actual >= t:
        return weight, completion, lambda: f"实际 {_n(actual)} ≥ 目标 {_n(t)}，得满分 {w()}"
    points = max(weight * actual / t, Decimal(0))
    return points, completion, lambda: f"{w()} × {_n(actual)} ÷ {_n(t)} = {_n(points)}"


def _score(indicator: Indicator, index: int, weight: Decimal, observation: Observation | None,
           rules: Evaluation) -> IndicatorScore:
    result = IndicatorScore(indicator, index, weight, observation)
    target = indicator.full_year
    if observation is None:
        result.method, result.note = "未填报", "没有全年实际完成值，得 0 分"
        result.explain = lambda: "未填写 12 月（全年）的实际完成值"
        return result
    reading = observation.reading
    if reading.grade is not None:
        share = rules.qualitative_share[reading.grade]
        result.points = weight * share / HUNDRED
        result.method = "定性"
        result.explain = lambda: f"{ATTAINMENT_WORDS[reading.grade]}：{_n(weight)} × {_n(share)}% = {_n(result.points)}"
        return result
    if target is None or target.kind != "quantity" or target.value is None or reading.value is None:
        result.method, result.note = "无法计分", "没有可比较的数值全年指标值，得 0 分"
        return result
    actual = reading.value
    result.points, result.completion, result.explain = quantity_points(weight, actual, target, rules)
    result.method = "反向" if attainment.direction(target) == attainment.REVERSE else "正向"
    result.deviation = attainment.deviation(actual, target)
    if result.deviation is not None and rules.deviation_deduction:
        over = result.deviation >= rules.deviation_percent and result.method == "正向"
        loose = rules.deviation_reverse and result.method == "反向" and -result.deviation >= rules.deviation_percent
        if over or loose:
            result.deduction = min(rules.deviation_deduction, result.points)
            word = "超过" if over else "低于"
            first, deviation = result.explain, result.deviation
            result.explain = lambda: (first() + f"；实际{word}目标 {_n(abs(deviation))}%（≥{_n(rules.deviation_percent)}%），"  # type: ignore[misc]
                                      f"扣 {_n(rules.deviation_deduction)} 分，得 {_n(result.score)}")
    if result.deviation is not None and not observation.reason():
        off = result.deviation >= rules.deviation_percent if result.method == "反向" \
            else abs(result.deviation) >= rules.deviation_percent
        if off:
            result.note = f"偏离指标值 {_n(abs(result.deviation))}%，应填写偏差原因"
    return result


# ------------------------------------------------------------------------- the table
def scheme_for(table: TargetTable, settings: Settings) -> Scheme:
    if table.kind == "department":
        scheme = settings.evaluation.department
        if scheme is None:
            raise EvaluationError("部门整体表的自评须由财政部门设置决策、过程、履职、效益、满意度等一级指标的分值："
                                  "没有全国统一的默认值，jixiao 不代为设定。请在 --config 文件的 "
                                  "[evaluation.department] 中设置 level1_weights（jixiao evaluate --example-config 给出示例）")
        return scheme
    return settings.evaluation.project


def _weights(members: list[int], block: Decimal, explicit: dict[int, Decimal]) -> tuple[dict[int, Decimal], str | None]:
    """Each member's weight: the one the unit set, else an equal share of what remains."""
    fixed = {i: explicit[i] for i in members if i in explicit}
    rest = [i for i in members if i not in fixed]
    left = block - sum(fixed.values(), Decimal(0))
    warning = None
    if rest and left < 0:
        warning = f"已设定的分值之和 {_n(sum(fixed.values(), Decimal(0)))} 超过一级指标分值 {_n(block)}，其余指标得 0 分值"
        left = Decimal(0)
    weights = dict(fixed)
    for i in rest:
        weights[i] = left / len(rest)
    if not rest and sum(fixed.values(), Decimal(0)) != block:
        warning = f"各指标分值之和 {_n(sum(fixed.values(), Decimal(0)))} 与一级指标分值 {_n(block)} 不等"
    return weights, warning


def evaluate(table: TargetTable, actuals: Actuals, settings: Settings) -> EvaluationResult:
    """The self-evaluation score and grade of `table` from its year-end actual values."""
    rules = settings.evaluation
    scheme = scheme_for(table, settings)
    blocks: dict[str, list[int]] = {level1: [] for level1 in scheme.level1_weights}
    unscored: list[Indicator] = []
    stray: list[str] = []
    orphans: list[str] = []
    for index, indicator in enumerate(table.indicators):
        if indicator.level1 in blocks:
            blocks[indicator.level1].append(index)  # type: ignore[index]
        elif indicator.level1 in rules.unscored_level1:
            unscored.append(indicator)
        elif indicator.level1 is None:
            orphans.append(indicator.name)
        else:
            stray.append(indicator.level1)
    if orphans:
        examples = "、".join(f"“{name}”" for name in orphans[:3]) + ("等" if len(orphans) > 3 else "")
        raise EvaluationError(f"{len(orphans)} 个指标没有一级指标（{examples}），无法按一级指标分配分值：请在表中补上一级指标")
    if stray:
        names = "、".join(dict.fromkeys(stray))
        raise EvaluationError(f"一级指标“{names}”没有设置分值：请在 --config 文件中为它设置 level1_weights，"
                              f"或列入 unscored_level1（不计分）")
    explicit = {i: r.weight for i, r in actuals.indicators.items() if r.weight is not None}
    warnings: list[str] = []
    scores: list[IndicatorScore] = []
    block_weights: dict[str, Decimal] = {}
    missing: dict[str, Decimal] = {}
    for level1, members in blocks.items():
        block = scheme.level1_weights[level1]
        if not members:
            if block:
                missing[level1] = block
            continue
        block_weights[level1] = block
        weights, warning = _weights(members, block, explicit)
        if warning:
            warnings.append(f"{level1}：{warning}")
        for index in members:
            record = actuals.of(index)
            observation = record.observations.get(YEAR_END) if record else None
            scores.append(_score(table.indicators[index], index, weights[index], observation, rules))
    scores.sort(key=lambda s: s.index)
    execution = _execution(table, actuals, scheme.execution_weight)
    subtotal = sum((s.score for s in scores), Decimal(0)) + execution.score
    full = sum(scheme.level1_weights.values(), Decimal(0)) + scheme.execution_weight
    scaled = subtotal
    if missing and rules.rescale_missing and full - sum(missing.values(), Decimal(0)) > 0:
        scaled = subtotal * full / (full - sum(missing.values(), Decimal(0)))
        warnings.append(f"表中没有{'、'.join(missing)}指标，其余得分按百分制折算：{_n(subtotal)} × {_n(full)} ÷ "
                        f"{_n(full - sum(missing.values(), Decimal(0)))} = {_n(scaled)}")
    elif missing:
        warnings.append(f"表中没有{'、'.join(missing)}指标，这部分分值不得分")
    cap = rules.cap_for(execution.rate) if scheme.execution_weight else None
    total = min(scaled, cap) if cap is not None else scaled
    if cap is not None and scaled > cap:
        warnings.append(f"预算执行率 {_n(execution.rate)}%，总分最高 {_n(cap)} 分：{_n(scaled)} 分按 {_n(cap)} 分计")  # type: ignore[arg-type]
    grade = rules.grade_of(q2(total))
    return EvaluationResult(table, scores, execution, block_weights, missing, unscored, subtotal, scaled, cap, total,
                            grade, warnings)


def _execution(table: TargetTable, actuals: Actuals, weight: Decimal) -> ExecutionScore:
    budget = actuals.budget(table)
    spent = actuals.spent_by(YEAR_END)
    result = ExecutionScore(weight, budget, spent, by_source=actuals.by_source(YEAR_END))
    if spent is None:
        result.note = "未填写全年支出，执行率得 0 分" if weight else None
        return result
    if not budget:
        result.note = "没有全年预算数，无法计算执行率"
        return result
    result.rate = spent / budget * HUNDRED
    result.score = weight * min(spent / budget, Decimal(1))
    return result


# ------------------------------------------------------------------------- the table written out
def _shown_weights(result: EvaluationResult) -> dict[int, Decimal]:
    """Weights to two places that still add up to their level-1's weight (16.67, 16.67, 16.66):
    the largest remainders get the extra cent, ties to the earlier indicator."""
    shown: dict[int, Decimal] = {}
    by_block: dict[str | None, list[IndicatorScore]] = {}
    for s in result.scores:
        by_block.setdefault(s.indicator.level1, []).append(s)
    for members in by_block.values():
        exact = [s.weight for s in members]
        floors = [w.quantize(CENT, rounding=ROUND_FLOOR) for w in exact]
        goal = q2(sum(exact, Decimal(0)))
        extra = int((goal - sum(floors, Decimal(0))) / CENT)
        order = sorted(range(len(members)), key=lambda k: (-(exact[k] - floors[k]), k))
        for rank, k in enumerate(order):
            shown[members[k].index] = floors[k] + (CENT if rank < extra else 0)
    return shown


def self_evaluation_table(result: EvaluationResult) -> TargetTable:
    """The table in the official self-evaluation layout (项目支出绩效自评表): the funds with
    年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, each scored indicator with its
    实际完成值 / 分值 / 得分 / 偏差原因, the 总分 and 自评等级. Scores are shown to two places
    and never above their shown weight."""
    source = result.table
    table = copy.deepcopy(source)
    kind = "部门整体支出" if source.kind == "department" else "项目支出"
    table.title = f"{kind}绩效自评表"
    table.stage = "self_evaluation"
    table.texts = {"annual_goal": source.texts["annual_goal"]} if source.texts.get("annual_goal") else {}
    scored = {s.index: s for s in result.scores}
    weights = _shown_weights(result)
    indicators = []
    for index, indicator in enumerate(source.indicators):
        s = scored.get(index)
        if s is None:
            continue
        copy_ = copy.copy(indicator)
        o = s.observation
        copy_.extra = {"actual": o.raw if o else "", "weight": weights[index],
                       "score": min(q2(s.score), weights[index]), "reason": (o.reason() if o else "") or None}
        copy_.half_year = None
        indicators.append(copy_)
    table.indicators = indicators
    kept = {i.level1 for i in indicators}
    table.categories = [Category(c.level1, c.level2, c.line, c.count, c.not_applicable) for c in source.categories
                        if c.level1 in kept]
    e = result.execution
    initial = source.budget_execution.initial_wan if source.budget_execution else source.total_amount_wan
    table.budget_execution = BudgetExecution(
        initial_wan=initial, adjusted_wan=e.budget_wan, executed_wan=e.spent_wan,
        weight=e.weight if e.weight else None, rate=q2(e.rate).normalize() if e.rate is not None else None,
        score=q2(e.score) if e.weight else None)
    if e.budget_wan is not None:
        table.total_amount_wan = e.budget_wan
    spent = e.by_source
    table.funding = [FundingSource(f.name, f.amount_wan, None, {"initial_wan": f.amount_wan, "executed_wan": spent.get(f.name)})
                     for f in source.funding if f.parent is None]
    table.expenditures = []
    table.total_score = result.shown_total
    table.grade = result.grade
    table.warnings, table.report, table.repairs, table.outside = [], [], [], []
    return table

