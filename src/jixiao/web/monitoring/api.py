"""The HTTP API of monitoring and self-evaluation: a table's actual values (read, and a checkpoint
replaced with the checks of the page and of the file import), its monitoring at a month and its
self-evaluation. Added to the application's NinjaAPI (jixiao.web.api) as a router of its own;
the same permissions as the pages: 404 for a table one may not see, 403 for values one may not
enter, 409 where the table is not approved or cannot be scored with the bureau's settings, 422
(with `problems`) for values that do not fit their targets, nothing saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError

from jixiao.actuals import CAUSES, LIKELIHOODS
from jixiao.model import decimal_text
from jixiao.monitoring import COLOURS
from jixiao.web.api.schemas import Detail, Problems
from jixiao.web.monitoring import access, store
from jixiao.web.tables import access as table_access
from jixiao.web.tables.models import Table

router = Router()
TAG = "监控与自评"
REFUSALS = {401: Detail, 403: Detail, 404: Detail}


def _table(request: HttpRequest, pk: int) -> Table:
    table = table_access.visible_tables(request.auth).select_related("unit__authority__bureau").filter(pk=pk).first()
    if table is None:
        raise HttpError(404, "没有这张表，或您无权查看")
    return table


def _approved(table: Table):  # noqa: ANN202 (a TargetTable)
    parsed = store.monitored(table)
    if parsed is None:
        raise HttpError(409, access.NOT_APPROVED)
    return parsed


# ---- schemas ------------------------------------------------------------------------------------

class ValueOut(Schema):
    month: int = Field(description="截至几月底（1–12；6 为年中，12 为全年）")
    value: str = Field(description="实际完成值，按指标值的语法，如 1500家、95%、达成年度指标")
    causes: list[str] = Field(description="偏差原因类别：" + "、".join(CAUSES))
    cause_text: str
    likelihood: str = Field(description="完成可能性：" + "、".join(LIKELIHOODS) + "，或空")
    entered_by: str
    entered_at: datetime | None


class IndicatorActualsOut(Schema):
    index: int = Field(description="在批复的绩效目标表中的序号（从 0 起）")
    level1: str | None
    level2: str | None
    name: str
    half_year: str | None
    full_year: str | None
    weight: str | None = Field(description="单位设定的分值；空则平分所在一级指标的分值")
    values: list[ValueOut]


class SpendingOut(Schema):
    source: str = Field(description="资金来源，合计为“合计”")
    month: int
    spent_wan: str = Field(description="截至该月底的累计支出（万元）")


class BudgetOut(Schema):
    source: str
    budget_wan: str = Field(description="调整后全年预算数（万元）")


class ActualsOut(Schema):
    table: int
    approved: bool = Field(description="是否已有批复的绩效目标（监控的是批复的目标）")
    may_enter: bool = Field(description="当前用户现在能否填报")
    months: list[int] = Field(description="已有填报的月份")
    indicators: list[IndicatorActualsOut]
    spending: list[SpendingOut]
    budgets: list[BudgetOut]
    stale: list[str] = Field(description="与批复的指标对不上（指标经调整）而不参与计算的值")


class ValueIn(Schema):
    index: int = Field(description="指标序号（GET 返回的 index）")
    value: str = Field("", description="实际完成值；空表示删除该月的值")
    causes: list[str] = Field(default_factory=list, description="偏差原因类别：" + "、".join(CAUSES))
    cause_text: str = ""
    likelihood: str = Field("", description="、".join(LIKELIHOODS) + " 之一，或空")
    weight: str | None = Field(None, description="分值（自评用）；不给出则不变，空字符串表示取消")


class SpendingIn(Schema):
    source: str = Field("合计", description="“合计”或表中的资金来源名称")
    spent_wan: str = Field("", description="截至该月底的累计支出（万元）；空表示删除")
    budget_wan: str | None = Field(None, description="调整后全年预算数（万元）；不给出则不变")


class CheckpointIn(Schema):
    indicators: list[ValueIn] = Field(default_factory=list)
    spending: list[SpendingIn] = Field(default_factory=list)


class ChangeOut(Schema):
    place: str
    before: str
    after: str


class SavedOut(Schema):
    month: int
    changes: list[ChangeOut] = Field(description="记入修改记录的每处修改；与已有的相同时为空")


class MonitoringOut(Schema):
    month: int
    colour: str | None = Field(description="整表颜色：red 红、yellow 黄、green 绿、blue 蓝，没有可判断的值时为 null")
    colour_label: str
    counts: dict[str, int]
    missing: int = Field(description="未填报的指标数")
    budget: dict[str, Any] = Field(description="预算执行：budget_wan、spent_wan、execution_rate、due_share、ratio、colour 等（数值为字符串）")
    indicators: list[dict[str, Any]] = Field(description="每个指标的 actual、due、ratio、colour、cause、likelihood、note 等（见 docs/monitoring.md）")
    settings: str = Field(description="按哪一套设置计算：财政部门的设置或默认设置")


class EvaluationOut(Schema):
    total: str = Field(description="自评总分（两位小数）")
    grade: str = Field(description="自评等级：优、良、中、差")
    subtotal: str
    scaled: str
    cap: str | None = Field(description="按执行率封顶的最高分，不封顶时为 null")
    execution: dict[str, Any]
    blocks: dict[str, str] = Field(description="各一级指标的分值")
    indicators: list[dict[str, Any]] = Field(description="每个指标的 weight、score、deduction、explanation、reason 等")
    unscored: list[str]
    warnings: list[str]
    settings: str


def _settings_name(table: Table) -> str:
    bureau = store.bureau_of(table)
    return f"{bureau.name}的设置" if bureau.monitoring_settings else "默认设置"


# ---- operations ---------------------------------------------------------------------------------

@router.get("/tables/{pk}/actuals", response={200: ActualsOut} | REFUSALS, tags=[TAG], summary="实际完成值（全部月份）")
def get_actuals(request: HttpRequest, pk: int):  # noqa: ANN201
    """批复的绩效目标表每个指标各月的实际完成值、偏差原因、完成可能性，以及各月累计支出和全年预算数。"""
    table = _table(request, pk)
    parsed = store.monitored(table)
    may = access.may_enter(request.auth, table)
    if parsed is None:
        return {"table": table.pk, "approved": False, "may_enter": may, "months": [], "indicators": [],
                "spending": [], "budgets": [], "stale": []}
    state = store.state_of(table, parsed)
    store.actuals_of(parsed, state)  # lists the values that no longer read against their targets
    indicators = []
    for index, i in enumerate(parsed.indicators):
        values = []
        for (at, month), v in sorted(state.values.items()):
            if at == index:
                who, when = state.entered.get((index, month), ("", None))
                values.append({"month": month, "value": v.value, "causes": list(v.causes), "cause_text": v.cause_text,
                               "likelihood": v.likelihood, "entered_by": who, "entered_at": when})
        weight = state.weights.get(index)
        indicators.append({"index": index, "level1": i.level1, "level2": i.level2, "name": i.name,
                           "half_year": i.half_year.raw if i.half_year else None,
                           "full_year": i.full_year.raw if i.full_year else None,
                           "weight": decimal_text(weight.normalize()) if weight is not None else None, "values": values})
    return {"table": table.pk, "approved": True, "may_enter": may, "months": state.months(), "indicators": indicators,
            "spending": [{"source": s or store.TOTAL_LABEL, "month": m, "spent_wan": decimal_text(v.normalize())}
                         for (s, m), v in sorted(state.spending.items())],
            "budgets": [{"source": s or store.TOTAL_LABEL, "budget_wan": decimal_text(v.normalize())}
                        for s, v in sorted(state.budgets.items())],
            "stale": state.stale}


@router.put("/tables/{pk}/actuals/{month}", response={200: SavedOut, 409: Detail, 422: Problems} | REFUSALS, tags=[TAG],
            summary="填报一个时点的实际完成值（整体替换该月）")
def put_actuals(request: HttpRequest, pk: int, body: CheckpointIn,  # noqa: ANN201
                month: int = Path(..., description="截至几月底（1–12）")):
    """替换该月全部指标的实际完成值和支出：未列出的指标和资金来源在该月的值被删除。每个值按其指标值的单位和类型核对，
    与网页和文件导入的检查相同；有任何问题时返回 422 并逐条列出，什么也不保存。只有本单位的填报人或单位负责人
    可以填报，且表须已批复。修改记入表的修改记录。"""
    table = _table(request, pk)
    refusal = access.enter_refusal(request.auth, table)
    if refusal:
        raise HttpError(403, refusal)
    parsed = _approved(table)
    entries = [store.EntryIn(v.index, v.value, tuple(v.causes), v.cause_text, v.likelihood, v.weight) for v in body.indicators]
    spending = [store.SpendingIn("" if s.source.strip() in ("", store.TOTAL_LABEL) else s.source, s.spent_wan, s.budget_wan)
                for s in body.spending]
    try:
        change = store.checkpoint_change(parsed, month, entries, spending)
        said = store.apply(request.auth, table, change, f"通过接口填报截至 {month} 月底的实际完成值")
    except store.Problems as error:
        return Answer(422, {"detail": "实际完成值有误，没有保存：" + str(error), "problems": [p.message for p in error.problems]})
    except store.Refused as error:
        raise HttpError(403, str(error)) from None
    return {"month": month, "changes": said}


@router.get("/tables/{pk}/monitoring", response={200: MonitoringOut, 409: Detail} | REFUSALS, tags=[TAG],
            summary="截至某月底的监控：各指标和整表的颜色、预算执行进度")
def get_monitoring(request: HttpRequest, pk: int, month: int = Query(6, ge=1, le=12, description="截至几月底")):  # noqa: ANN201
    """按财政部门的设置（未设置时按默认设置）计算，与命令行 jixiao monitor 相同。"""
    table = _table(request, pk)
    seen = store.monitor(table, _approved(table), month)
    data = seen.result.to_json()
    return {"month": month, "colour": data["colour"], "colour_label": COLOURS.get(data["colour"] or "", "无"),
            "counts": data["counts"], "missing": data["missing"], "budget": data["budget"],
            "indicators": data["indicators"], "settings": _settings_name(table)}


@router.get("/tables/{pk}/evaluation", response={200: EvaluationOut, 409: Detail} | REFUSALS, tags=[TAG],
            summary="绩效自评：各指标得分、预算执行率得分、总分和等级")
def get_evaluation(request: HttpRequest, pk: int):  # noqa: ANN201
    """按 12 月（全年）的实际完成值和全年支出计分，与命令行 jixiao evaluate 相同。部门整体表须由财政部门设置
    一级指标分值，否则返回 409 并说明。"""
    table = _table(request, pk)
    scored = store.evaluate(table, _approved(table))
    if scored.result is None:
        raise HttpError(409, scored.refusal)
    data = scored.result.to_json()
    return {key: data[key] for key in ("total", "grade", "subtotal", "scaled", "cap", "execution", "blocks", "indicators",
                                       "unscored", "warnings")} | {"settings": _settings_name(table)}
