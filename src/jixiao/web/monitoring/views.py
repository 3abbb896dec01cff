"""The screens of monitoring and self-evaluation: actual values per checkpoint (entered, checked
as typed, imported from the command line's file, its template downloaded), the monitoring view
with its colours and charts, the self-evaluation sheet and its export, a finance bureau's
dashboard and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao import actuals_template, evaluation
from jixiao.actuals import CAUSES, LIKELIHOODS, target_of
from jixiao.config import ATTAINMENT_WORDS, ConfigError, example_toml
from jixiao.errors import InputError
from jixiao.model import TargetTable, decimal_text
from jixiao.monitoring import COLOURS
from jixiao.web.monitoring import access, dashboard as boards, store
from jixiao.web.monitoring.charts import chart_data
from jixiao.web.tables import access as table_access
from jixiao.web.tables.models import Table
from jixiao.web.tables.presentation import export_file, written

TEMPLATE_FORMATS = {"xlsx": "Excel", "csv": "CSV"}
EVALUATION_EXPORTS = {"xlsx": "Excel", "docx": "Word", "pdf": "PDF", "html": "网页"}


def _table(request: HttpRequest, pk: int) -> Table:
    """The table if the person may see it; otherwise 404, so that ids reveal nothing."""
    return table_access.table_or_404(request.user, pk)


def month_choices(current: int | None, filled: set[int] = frozenset()) -> list[dict]:
    """The months offered: 6 and 12 first (mid-year monitoring, year-end self-evaluation), then the rest."""
    order = list(store.CHECKPOINTS) + [m for m in store.MONTHS if m not in store.CHECKPOINTS]
    return [{"month": m, "label": {6: "6 月（年中）", 12: "12 月（全年）"}.get(m, f"{m} 月"), "current": m == current,
             "filled": m in filled, "main": m in store.CHECKPOINTS} for m in order]


def _month(text: str | None, default: int) -> int:
    try:
        month = int(str(text or "").rstrip("月"))
    except ValueError:
        return default
    return month if month in store.MONTHS else default


def _base(table: Table, parsed: TargetTable | None, request: HttpRequest) -> dict:
    return {"table": table, "parsed": parsed, "bureau": store.bureau_of(table),
            "may_enter": access.may_enter(request.user, table), "enter_refusal": access.enter_refusal(request.user, table),
            "not_approved": access.NOT_APPROVED, "can_settings": access.bureaus(request.user).filter(
                pk=table.unit.authority.bureau_id).exists()}


# ---- actual values per checkpoint --------------------------------------------------------------

@dataclass
class Row:
    """One indicator's line on the checkpoint page."""

    index: int
    indicator: object
    target: str
    kind: str
    value: str = ""
    causes: tuple[str, ...] = ()
    cause_text: str = ""
    likelihood: str = ""
    weight: str = ""
    entered: str = ""
    earlier: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _kind(parsed: TargetTable, index: int) -> str:
    """What the value is checked as, in words, beside its input."""
    target = target_of(parsed.indicators[index])
    if target is None:
        return "没有指标值"
    if target.kind == "quantity" and target.value is not None:
        return f"填数值，单位“{target.unit}”" if target.unit else "填数值"
    return "定性：填达成情况"


def _rows(parsed: TargetTable, state: store.State, month: int) -> list[Row]:
    rows = []
    for index, indicator in enumerate(parsed.indicators):
        target = target_of(indicator)
        row = Row(index, indicator, target.raw if target is not None else "", _kind(parsed, index))
        value = state.values.get((index, month))
        if value is not None:
            row.value, row.causes, row.cause_text, row.likelihood = value.value, value.causes, value.cause_text, value.likelihood
            who, when = state.entered.get((index, month), ("", None))
            row.entered = f"{who} {when:%Y-%m-%d %H:%M}" if when else who
        row.earlier = [f"{m} 月：{v.value}" for (i, m), v in sorted(state.values.items()) if i == index and m != month]
        weight = state.weights.get(index)
        row.weight = decimal_text(weight.normalize()) if weight is not None else ""
        rows.append(row)
    return rows


def _spending_rows(parsed: TargetTable, state: store.State, month: int) -> list[dict]:
    rows = []
    for n, (source, table_budget) in enumerate(store.spending_sources(parsed)):
        budget = state.budgets.get(source)  # empty: the table's own amount, shown as the placeholder
        spent = state.spending.get((source, month))
        rows.append({"n": n, "source": source, "label": source or store.TOTAL_LABEL,
                     "budget": decimal_text(budget.normalize()) if budget is not None else "",
                     "table_budget": decimal_text(table_budget) if table_budget is not None else "",
                     "spent": decimal_text(spent.normalize()) if spent is not None else "", "problems": []})
    return rows


def _posted(request: HttpRequest, parsed: TargetTable, month: int) -> tuple[list[store.EntryIn], list[store.SpendingIn]]:
    post = request.POST
    entries = [store.EntryIn(index, post.get(f"value-{index}", ""), tuple(post.getlist(f"causes-{index}")),
                             post.get(f"cause_text-{index}", ""), post.get(f"likelihood-{index}", ""),
                             post.get(f"weight-{index}") if month == 12 else None)
               for index in range(len(parsed.indicators))]
    spending = [store.SpendingIn(source, post.get(f"spent-{n}", ""), post.get(f"budget-{n}"))
                for n, (source, _) in enumerate(store.spending_sources(parsed))]
    return entries, spending


def _keep(rows: list[Row], spending_rows: list[dict], entries: list[store.EntryIn],
          spending: list[store.SpendingIn], problems: list[store.Problem]) -> None:
    """The person's own input back on the page, each problem beside its row."""
    for row, entry in zip(rows, entries):
        row.value, row.causes, row.cause_text, row.likelihood = entry.value, entry.causes, entry.cause_text, entry.likelihood
        if entry.weight is not None:
            row.weight = entry.weight
        row.problems = [p.message for p in problems if p.index == row.index]
    for row, sent in zip(spending_rows, spending):
        row["spent"] = sent.spent
        if sent.budget is not None:
            row["budget"] = sent.budget
        row["problems"] = [p.message for p in problems if p.source == row["source"]]


@login_required
def checkpoint(request: HttpRequest, pk: int, month: int) -> HttpResponse:
    """The actual values of one checkpoint (截至 month 月底): shown to everyone who sees the table,
    entered by the unit while the table is approved."""
    table = _table(request, pk)
    if month not in store.MONTHS:
        raise Http404("月份应为 1 到 12")
    parsed = store.monitored(table)
    context = _base(table, parsed, request)
    context.update({"month": month, "causes": CAUSES, "likelihoods": LIKELIHOODS, "template_formats": TEMPLATE_FORMATS})
    if parsed is None:
        if request.method == "POST":
            raise PermissionDenied(access.NOT_APPROVED)
        return render(request, "monitoring/checkpoint.html", context)
    state = store.state_of(table, parsed)
    rows, spending_rows = _rows(parsed, state, month), _spending_rows(parsed, state, month)
    problems: list[store.Problem] = []
    basis = state.basis(month)
    if request.method == "POST":
        refusal = access.enter_refusal(request.user, table)
        if refusal:
            raise PermissionDenied(refusal)
        entries, spending = _posted(request, parsed, month)
        try:
            change = store.checkpoint_change(parsed, month, entries, spending)
            said = store.apply(request.user, table, change, f"填报截至 {month} 月底的实际完成值",
                               basis=(month, request.POST["basis"]) if request.POST.get("basis") else None)
        except store.Problems as error:
            problems = error.problems
            _keep(rows, spending_rows, entries, spending, problems)
            basis = request.POST.get("basis") or basis  # still what the person opened: a later conflict is caught
        except store.Conflict as error:
            # The page now shows the current values' basis with the person's own input: saving
            # again, after a look at the history, is a choice made knowingly.
            problems = [store.Problem(str(error))]
            _keep(rows, spending_rows, entries, spending, problems)
            now = store.state_of(table, parsed)
            basis = now.basis(month)
            for row in rows:
                stored = now.values.get((row.index, month))
                if stored is not None and stored.value != row.value.strip():
                    row.problems.append(f"现在已填报为“{stored.value}”")
        except store.Refused as error:
            raise PermissionDenied(str(error)) from None
        else:
            messages.success(request, f"已保存 {month} 月的实际完成值（{len(said)} 处修改，已记入修改记录）" if said
                             else "没有修改")
            return redirect("actuals", pk=table.pk, month=month)
    context.update({"rows": rows, "spending_rows": spending_rows, "problems": problems, "stale": state.stale,
                    "months": month_choices(month, set(state.months())), "basis": basis})
    return render(request, "monitoring/checkpoint.html", context)


@login_required
@require_GET
def check_value(request: HttpRequest, pk: int) -> JsonResponse:
    """One actual value read against its indicator's target as it is typed: the file import's
    reading, with its message."""
    table = _table(request, pk)
    parsed = store.monitored(table)
    if parsed is None:
        return JsonResponse({"ok": False, "message": access.NOT_APPROVED})
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = -1
    if not 0 <= index < len(parsed.indicators):
        return JsonResponse({"ok": False, "message": "没有这个指标"}, status=400)
    text = request.GET.get("value", "")[:store.MAX_VALUE].strip()
    if not text:
        return JsonResponse({"ok": True, "message": ""})
    reading = store.check_value(parsed, index, text)
    if reading.problem:
        return JsonResponse({"ok": False, "message": f"实际完成值“{text}”：{reading.problem}"})
    if reading.grade is not None:
        return JsonResponse({"ok": True, "message": f"定性：{ATTAINMENT_WORDS[reading.grade]}"})
    unit = target_of(parsed.indicators[index]).unit or ""
    return JsonResponse({"ok": True, "message": f"读作 {decimal_text(reading.value.normalize())}{unit}"})


@login_required
@require_POST
def import_values(request: HttpRequest, pk: int) -> HttpResponse:
    """The command line's CSV or XLSX of actual values, read whole before anything is saved."""
    table = _table(request, pk)
    refusal = access.enter_refusal(request.user, table)
    if refusal:
        raise PermissionDenied(refusal)
    parsed = store.monitored(table)
    month = _month(request.POST.get("month"), 6)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择实际完成值文件（CSV 或 Excel）")
        return redirect("actuals", pk=table.pk, month=month)
    try:
        change = store.file_change(store.read_file(parsed, upload.name, upload.chunks(), upload.size))
        said = store.apply(request.user, table, change, f"导入实际完成值文件“{upload.name}”")
    except store.Problems as error:
        state = store.state_of(table, parsed)
        context = _base(table, parsed, request)
        context.update({"month": month, "causes": CAUSES, "likelihoods": LIKELIHOODS,
                        "template_formats": TEMPLATE_FORMATS, "rows": _rows(parsed, state, month),
                        "spending_rows": _spending_rows(parsed, state, month), "problems": [], "stale": state.stale,
                        "months": month_choices(month, set(state.months())), "basis": state.basis(month),
                        "import_name": upload.name, "import_problems": [p.message for p in error.problems]})
        return render(request, "monitoring/checkpoint.html", context)
    except InputError as error:
        messages.error(request, f"{upload.name}：{error.reason}。没有导入任何内容")
        return redirect("actuals", pk=table.pk, month=month)
    except store.Refused as error:
        raise PermissionDenied(str(error)) from None
    months = sorted({m for _, m in change.values} | {m for _, m in change.spending})
    messages.success(request, f"已从“{upload.name}”导入 {len(said)} 处修改（{'、'.join(f'{m} 月' for m in months) or '无月份'}），"
                              "已记入修改记录" if said else f"“{upload.name}”中的值与已填报的相同，没有修改")
    return redirect("actuals", pk=table.pk, month=month if month in months or not months else months[0])


@login_required
@require_GET
def template_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The file the command line reads (jixiao actuals-template), for the approved table."""
    table = _table(request, pk)
    if fmt not in TEMPLATE_FORMATS:
        raise Http404("没有这种模板格式")
    parsed = store.monitored(table)
    if parsed is None:
        raise Http404(access.NOT_APPROVED)
    data = written(lambda path: actuals_template.write_template(parsed, path, fmt, store.CHECKPOINTS), fmt)
    return FileResponse(data, as_attachment=True, filename=f"{table.name}-实际完成值.{fmt}")


# ---- monitoring -----------------------------------------------------------------------------------

@login_required
@require_GET
def monitoring_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    parsed = store.monitored(table)
    context = _base(table, parsed, request)
    if parsed is None:
        return render(request, "monitoring/monitoring.html", context)
    filled = set(store.state_of(table, parsed).months())
    month = _month(request.GET.get("month"), max(filled) if filled else 6)
    seen = store.monitor(table, parsed, month)
    result = seen.result
    charts = chart_data(parsed, seen.actuals)
    charted = {c["index"] for c in charts}
    context.update({
        "month": month, "months": month_choices(month, filled), "seen": seen, "result": result,
        "colour_names": COLOURS, "counts": [(c, COLOURS[c], n) for c, n in result.counts().items()],
        "charts": charts, "charted": charted, "qualitative": _qualitative(parsed, seen, charted),
    })
    return render(request, "monitoring/monitoring.html", context)


def _qualitative(parsed: TargetTable, seen: store.Monitored, charted: set[int]) -> list[dict]:
    """Indicators without a chart (the indexes in `charted` have one): their values by month, as text."""
    rows = []
    for index, indicator in enumerate(parsed.indicators):
        if index in charted:
            continue
        values = [f"{m} 月：{v.value}" for (i, m), v in sorted(seen.state.values.items()) if i == index]
        rows.append({"indicator": indicator, "values": values})
    return rows


# ---- self-evaluation -------------------------------------------------------------------------------

@login_required
@require_GET
def evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    parsed = store.monitored(table)
    context = _base(table, parsed, request)
    if parsed is not None:
        scored = store.evaluate(table, parsed)
        context.update({"scored": scored, "result": scored.result, "exports": EVALUATION_EXPORTS,
                        "year_end_entered": any(m == 12 for _, m in scored.state.values)})
    return render(request, "monitoring/evaluation.html", context)


@login_required
@require_GET
def evaluation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The self-evaluation table in the official layout, written by the command line's writers."""
    table = _table(request, pk)
    if fmt not in EVALUATION_EXPORTS:
        raise Http404("没有这种导出格式")
    parsed = store.monitored(table)
    if parsed is None:
        raise Http404(access.NOT_APPROVED)
    scored = store.evaluate(table, parsed)
    if scored.result is None:
        messages.error(request, scored.refusal)
        return redirect("evaluation", pk=table.pk)
    data = export_file(evaluation.self_evaluation_table(scored.result), fmt)
    return FileResponse(data, as_attachment=True, filename=f"{table.name}-绩效自评表.{fmt}")


# ---- the bureau's dashboard and settings --------------------------------------------------------------

@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not access.has_dashboard(request.user):
        raise PermissionDenied("只有财政部门的审核人和管理员可以查看监控总览")
    bureaus = list(access.bureaus(request.user))
    chosen = next((b for b in bureaus if str(b.pk) == request.GET.get("bureau")), None)
    shown = [chosen] if chosen else bureaus
    years = boards.years([b.pk for b in shown])
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else None
    month = _month(request.GET.get("month"), 6)
    board = boards.build([b.pk for b in shown], year, month)
    return render(request, "monitoring/dashboard.html", {
        "bureaus": bureaus, "chosen": chosen, "shown": shown, "years": years, "year": year, "month": month,
        "months": month_choices(month), "board": board, "colour_names": COLOURS,
    })


@login_required
def bureau_settings(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.has_dashboard(request.user):
        raise PermissionDenied("只有财政部门的审核人和管理员可以查看和修改监控与自评设置")
    bureau = get_object_or_404(access.bureaus(request.user), pk=pk)
    text = bureau.monitoring_settings_text or (bureau.monitoring_settings and _as_json(bureau.monitoring_settings)) \
        or example_toml()
    problem = None
    if request.method == "POST":
        text = request.POST.get("text", "")
        if request.POST.get("reset") == "1":
            text = ""
        try:
            store.save_settings(request.user, bureau, text)
        except ConfigError as error:
            problem = str(error).removeprefix("设置：")  # the page already says it is the settings
        except store.Refused as error:
            raise PermissionDenied(str(error)) from None
        else:
            messages.success(request, "已保存设置，监控颜色和自评得分按新设置计算" if text.strip()
                             else "已恢复默认设置")
            return redirect("bureau-settings", pk=bureau.pk)
    _, stored_problem = store.settings_of(bureau)
    return render(request, "monitoring/settings.html", {
        "bureau": bureau, "text": text, "problem": problem, "stored_problem": stored_problem,
        "customised": bool(bureau.monitoring_settings), "example": example_toml(),
    })


def _as_json(data: dict) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)
