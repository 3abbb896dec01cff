"""The screens of target tables: list, detail with findings, editor, import, workflow, history,
export, the reviewer's queue and the notices."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jixiao.editing import HEADER_LABELS, SheetError, check_target, to_sheet
from jixiao.framework import LEVEL1, LEVEL2
from jixiao.headers import TEXT_LABELS
from jixiao.record import from_record, to_record
from jixiao.review import review
from jixiao.web.tables import access, queries, store
from jixiao.web.tables.context import read_notices
from jixiao.web.tables.models import IN_REVIEW, ApprovedVersion, Kind, Notification, PendingImport, Stage, Status, Table
from jixiao.web.tables.presentation import EXPORTS, detail_context, export_file, list_rows, options

PAGE_SIZE = 50


def _table(request: HttpRequest, pk: int) -> Table:
    """The table if the person may see it; otherwise 404, so that ids reveal nothing."""
    return access.table_or_404(request.user, pk)


LIST_COLUMNS = ("id", "name", "year", "kind", "stage", "status", "score", "grade", "errors", "warnings", "updated_at",
                "adjusting", "unit__name")


def _page(tables: QuerySet[Table], number: str | None, search: bool) -> Page:
    """One page of the list: its ids first, then only its rows, as dictionaries. The ids in order come from an
    index (table_list_filters) without reading the few thousand rows a reviewer sees, which
    SQLite keeps partly on the record's overflow pages. A search lists the ids that match once,
    for the count and the page together (words.py: how they are found)."""
    if search:
        page = Paginator(queries.listed_ids(tables.values_list("id", flat=True)), PAGE_SIZE).get_page(number)
        ids = list(page.object_list)
    else:
        # Read with the status, which the search's index (table_search_sqlite) lacks: SQLite then
        # takes the list's narrower indexes for the plain list (0.7 ms against 1.9).
        page = Paginator(tables.values_list("id", "status"), PAGE_SIZE).get_page(number)
        ids = [pk for pk, _ in page.object_list]
    # The rows as plain values (presentation.list_rows): fifty model objects cost more to make
    # than the query that reads them.
    listed = Table.objects.filter(id__in=ids).order_by().values(*LIST_COLUMNS)
    rows = {row["id"]: row for row in listed}
    page.object_list = [rows[pk] for pk in ids]
    return page


@login_required
@require_GET
def table_list(request: HttpRequest) -> HttpResponse:
    tables = queries.filtered(request.user, request.GET)
    chosen = queries.chosen(request.GET)
    page = _page(tables, request.GET.get("page"), search=bool(chosen["q"]))
    years, units = queries.choices(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    filters = {"year": options([(y, f"{y}年") for y in years], chosen["year"]), "unit": options(units, chosen["unit"]),
               "kind": options(Kind.choices, chosen["kind"]), "stage": options(Stage.choices, chosen["stage"]),
               "status": options(Status.choices, chosen["status"])}
    return render(request, "tables/list.html", {
        "page": page, "rows": list_rows(page.object_list), "chosen": chosen, "filters": filters,
        "query": query.urlencode(), "can_import": bool(access.scope_of(request.user).units),
    })


@login_required
@require_GET
def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    read_notices(request, table)
    comments = queries.comments_on(table)
    context = detail_context(table, store.review_of(table), comments)
    context.update({
        "steps": store.steps_for(request.user, table),
        "can_edit": access.can_edit(request.user, table),
        "can_comment": access.can_comment(request.user, table),
        "is_reviewer": access.reviews(request.user, table),
        "comments": comments,
        "approved": table.approved_versions.only("number", "approved_at") if table.ever_approved else (),
        "exports": EXPORTS,
    })
    return render(request, "tables/detail.html", context)


@login_required
@require_GET
def approved_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    table = _table(request, pk)
    version = get_object_or_404(ApprovedVersion, table=table, number=number)
    context = detail_context(table, review(from_record(version.record)))
    context["approved_version"] = version
    return render(request, "tables/approved.html", context)


@login_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    if not access.can_edit(request.user, table):
        raise PermissionDenied("只有本单位的填报人或单位负责人可以修改草稿或退回的表")
    problems: list[str] = []
    sheet = to_sheet(store.table_of(table))
    version = table.version
    if request.method == "POST":
        try:
            sheet = json.loads(request.POST.get("sheet", ""))
            version = int(request.POST.get("version", ""))
        except (ValueError, TypeError):
            return HttpResponse("表单内容无法读取，请刷新页面后重试", status=400)
        try:
            store.save_sheet(request.user, table, sheet, version)
        except SheetError as error:
            problems = error.problems
        except store.Conflict as error:
            problems = [str(error)]
        else:
            messages.success(request, "已保存，审核结果已按修改后的内容重新计算")
            return redirect("table", pk=table.pk)
    return render(request, "tables/edit.html", {
        "table": table, "sheet": sheet, "version": version, "problems": problems,
        "header_fields": [(key, label, sheet["header"].get(key, "")) for key, label in HEADER_LABELS.items()],
        "text_fields": [(key, TEXT_LABELS.get(key, key), text) for key, text in sheet["texts"].items()],
        "level1_names": LEVEL1, "level2_names": list(LEVEL2),
        "show_tasks": table.kind == Kind.DEPARTMENT or bool(sheet.get("tasks")),
    })


@login_required
@require_GET
def target_check(request: HttpRequest) -> JsonResponse:
    """The value grammar's reading of a target as the person types it."""
    return JsonResponse(check_target(request.GET.get("text", "")[:200], request.GET.get("name", "")[:200]))


@login_required
@require_POST
def table_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    table = _table(request, pk)
    reasons = list(zip(request.POST.getlist("reason_indicator"), request.POST.getlist("reason_text")))
    try:
        store.take_step(request.user, table, action, request.POST.get("note", ""), reasons)
    except store.Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已{store.STEPS[action].label}")
    return redirect("table", pk=table.pk)


@login_required
@require_POST
def table_comment(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    try:
        store.add_comment(request.user, table, request.POST.get("text", ""), request.POST.get("indicator", ""))
    except store.Refused as error:
        messages.error(request, str(error))
    return redirect("table", pk=table.pk)


@login_required
@require_GET
def table_history(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    return render(request, "tables/history.html", {"table": table, "events": table.events.select_related("user")})


@login_required
@require_GET
def table_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    table = _table(request, pk)
    if fmt not in EXPORTS:
        raise Http404("没有这种导出格式")
    return FileResponse(export_file(store.table_of(table), fmt), as_attachment=True,
                        filename=f"{table.name}.{fmt}")


# ---- import -------------------------------------------------------------------------------

@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    units = list(access.importable_units(request.user))
    if not units:
        raise PermissionDenied("只有单位的填报人或单位负责人可以导入")
    error = None
    # A preview left unconfirmed for a day is dropped: it was never saved as tables.
    PendingImport.objects.filter(user=request.user, created_at__lt=timezone.now() - timedelta(days=1)).delete()
    if request.method == "POST":
        upload = request.FILES.get("file")
        unit = next((u for u in units if str(u.id) == request.POST.get("unit", str(units[0].id))), None)
        if upload is None or unit is None:
            error = "请选择文件和单位"
        else:
            read = store.read_upload(upload.name, upload.chunks(), upload.size)
            if read.error:
                error = f"{read.name}：{read.error}"
            else:
                pending = PendingImport.objects.create(user=request.user, unit=unit, file_name=read.name,
                                                       records=[to_record(t) for t in read.tables])
                return redirect("import-preview", pk=pending.pk)
    return render(request, "tables/import.html", {"units": units, "error": error})


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    pending = get_object_or_404(PendingImport, pk=pk, user=request.user)
    tables = [from_record(r) for r in pending.records]
    if request.method == "POST":
        if request.POST.get("confirm") == "1":
            created = store.create_tables(request.user, pending.unit, tables, pending.file_name)
            pending.delete()
            messages.success(request, f"已导入 {len(created)} 张表")
            return redirect("table", pk=created[0].pk) if len(created) == 1 else redirect("tables")
        pending.delete()
        messages.info(request, "已放弃导入，没有保存任何内容")
        return redirect("tables")
    return render(request, "tables/preview.html", {"pending": pending, "tables": tables})


@login_required
def bulk_import(request: HttpRequest) -> HttpResponse:
    """The page posts one file at a time, so that it can show how far it has come."""
    units = list(access.importable_units(request.user))
    if not units:
        raise PermissionDenied("只有单位的填报人或单位负责人可以导入")
    if request.method != "POST":
        return render(request, "tables/bulk.html", {"units": units})
    upload = request.FILES.get("file")
    unit = next((u for u in units if str(u.id) == request.POST.get("unit", "")), None)
    if upload is None or unit is None:
        return JsonResponse({"ok": False, "error": "请选择文件和单位"}, status=400)
    read = store.read_upload(upload.name, upload.chunks(), upload.size)
    if read.error:
        return JsonResponse({"ok": False, "file": read.name, "error": read.error})
    created = store.create_tables(request.user, unit, read.tables, read.name)
    return JsonResponse({"ok": True, "file": read.name, "tables": [
        {"id": t.id, "name": t.name, "score": t.score, "report": len(p.report)} for t, p in zip(created, read.tables)]})


# ---- the reviewer's queue and the notices ---------------------------------------------------

@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    bureaus = access.scope_of(request.user).bureaus
    if not bureaus:
        raise PermissionDenied("只有审核人有待审队列")
    waiting = (Table.objects.filter(unit__authority__bureau_id__in=bureaus, status__in=IN_REVIEW)
               .select_related("unit").order_by("submitted_at", "id"))
    return render(request, "tables/queue.html", {"tables": waiting})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user).select_related("table")
    if request.method == "POST":
        mine.filter(read=False).update(read=True)
        return redirect("notifications")
    return render(request, "tables/notifications.html", {"notices": mine[:200]})
