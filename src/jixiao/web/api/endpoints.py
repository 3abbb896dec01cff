"""The API's operations. Each finds the table through access.visible_table (404 outside it,
as the pages answer), and makes every change through jixiao.web.tables.store, whose refusals
become 403 (not this person, not now), 422 (something missing or wrong in what was sent) or
409 (a save over a version someone has since changed)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from ninja import File, Form, Path, Query, Router, UploadedFile
from ninja import Status as Answer  # a status code with its body (models.Status is a table's state)
from ninja.errors import HttpError

from jixiao.editing import SheetError, check_target, to_sheet
from jixiao.record import from_record
from jixiao.review import Severity, review
from jixiao.web.api.schemas import (
    ApprovedTable, CommentIn, CommentOut, Detail, EventOut, FindingsOut, ImportOut, IndicatorOut, Marked, MeOut,
    NotificationPage, PreviewOut, Problems, SheetIn, SheetOut, StepIn, TableDetail, TablePage, TableSummary,
)
from jixiao.web.tables import access, queries, store
from jixiao.web.tables.models import ApprovedVersion, Kind, Notification, Stage, Status, Table
from jixiao.web.tables.presentation import EXPORTS, export_file, placed_findings

router = Router()

# The refusals every operation may answer with, for the OpenAPI document.
REFUSALS = {401: Detail, 403: Detail, 404: Detail}
TABLES, REVIEW, WORKFLOW, COMMENTS, PEOPLE = "绩效目标表", "指标与审核", "流程", "意见", "人员与通知"
STEP_NAMES = "；".join(f"{action} {step.label}" for action, step in store.STEPS.items())


def _table(request: HttpRequest, pk: int) -> Table:
    """The table if the person may see it; 404 otherwise, so that ids reveal nothing."""
    table = access.visible_table(request.auth, pk)
    if table is None:
        raise HttpError(404, "没有这张表，或您无权查看")
    return table


def _who(user) -> str:  # noqa: ANN001 (a Django user)
    return user.get_full_name() or user.username


def summary(table: Table) -> dict:
    return {
        "id": table.id, "name": table.name, "unit": {"id": table.unit_id, "name": table.unit.name},
        "year": table.year, "kind": table.kind, "kind_label": table.get_kind_display(),
        "stage": table.stage, "stage_label": table.get_stage_display(),
        "status": table.status, "status_label": table.get_status_display(), "adjusting": table.adjusting,
        "version": table.version, "score": table.score, "grade": table.grade,
        "errors": table.errors, "warnings": table.warnings,
        "updated_at": table.updated_at, "submitted_at": table.submitted_at,
    }


# ---- the person -------------------------------------------------------------------------

@router.get("/me", response={200: MeOut, 401: Detail}, tags=[PEOPLE], summary="当前用户及其角色")
def me(request: HttpRequest):  # noqa: ANN201
    user = request.auth
    roles = [str(m) for m in user.memberships.select_related("unit", "bureau")]
    return {"username": user.username, "name": _who(user), "roles": roles}


# ---- tables -------------------------------------------------------------------------------

@router.get("/tables", response={200: TablePage} | REFUSALS, tags=[TABLES], summary="可见的表，可筛选、分页")
def list_tables(request: HttpRequest, year: int | None = None, unit: int | None = None,  # noqa: ANN201
                kind: Kind | None = None, stage: Stage | None = None, status: Status | None = None,
                q: str = Query("", description="在表名和指标中搜索"),
                limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    """与网页列表相同的筛选：年度、单位、类型、阶段、状态和关键词；按修改时间从新到旧。"""
    tables = queries.filtered(request.auth, {"year": year, "unit": unit, "kind": kind, "stage": stage,
                                             "status": status, "q": q})
    if not q:
        return {"count": tables.count(), "limit": limit, "offset": offset,
                "items": [summary(t) for t in _summaries(tables)[offset:offset + limit]]}
    # A search lists the ids that match once, for the count and the page.
    found = queries.listed_ids(tables.values_list("id", flat=True))
    page = found[offset:offset + limit]
    rows = _summaries(Table.objects.select_related("unit")).in_bulk(page)  # the ids found, not searched again
    return {"count": len(found), "limit": limit, "offset": offset, "items": [summary(rows[pk]) for pk in page]}


def _summaries(tables: QuerySet[Table]) -> QuerySet[Table]:
    """Not the content (10 KB a table on average), the search text or the findings: a summary shows none."""
    return tables.defer("record", "search_text", "findings")


@router.post("/tables", response={200: PreviewOut, 201: ImportOut, 422: Detail} | REFUSALS, tags=[TABLES],
             summary="导入文件（preview=true 时只预览，不保存）")
def import_tables(request: HttpRequest, file: File[UploadedFile],  # noqa: ANN201
                  unit: int | None = Form(None, description="导入到哪个单位；只在一个单位任职时可省略"),
                  preview: bool = Query(False, description="只返回读到的内容，不保存")):
    """上传一个文本、Excel、Word、PDF 或 HTML 文件（multipart/form-data），按命令行的读取程序和上限读取。
    只有单位的填报人或单位负责人可以导入，且只能导入本单位。"""
    units = list(access.importable_units(request.auth))
    if not units:
        raise HttpError(403, "只有单位的填报人或单位负责人可以导入")
    if unit is None and len(units) > 1:
        raise HttpError(422, "您在多个单位任职，请用 unit 指定导入到哪个单位")
    chosen = units[0] if unit is None else next((u for u in units if u.id == unit), None)
    if chosen is None:
        raise HttpError(403, "只能导入本单位的绩效目标表")
    read = store.read_upload(file.name, file.chunks(), file.size)
    if read.error:
        raise HttpError(422, f"{read.name}：{read.error}")
    if preview:
        found = [(parsed, review(parsed)) for parsed in read.tables]
        return Answer(200, {"file": read.name, "unit": {"id": chosen.id, "name": chosen.name},
                     "tables": [{"name": store.name_of(p), "score": r.score, "grade": r.grade, "table": p.to_json()}
                                for p, r in found]})
    try:
        created = store.create_tables(request.auth, chosen, read.tables, read.name)
    except store.Refused as error:
        raise HttpError(403, str(error)) from None
    return Answer(201, {"file": read.name, "tables": [summary(t) for t in created]})


@router.get("/tables/{pk}", response={200: TableDetail} | REFUSALS, tags=[TABLES], summary="一张表：概要、状态与全部内容")
def table_detail(request: HttpRequest, pk: int):  # noqa: ANN201
    table = _table(request, pk)
    user = request.auth
    return {
        **summary(table), "source_name": table.source_name, "created_at": table.created_at,
        "steps": [{"action": action, "label": step.label} for action, step in store.steps_for(user, table)],
        "can_edit": access.can_edit(user, table), "can_comment": access.can_comment(user, table),
        "approved": list(table.approved_versions.values("number", "approved_at")),
        "table": store.table_of(table).to_json(),
    }


@router.get("/tables/{pk}/approved/{number}", response={200: ApprovedTable} | REFUSALS, tags=[TABLES],
            summary="批复时的版本")
def approved_version(request: HttpRequest, pk: int, number: int):  # noqa: ANN201
    table = _table(request, pk)
    version = ApprovedVersion.objects.filter(table=table, number=number).first()
    if version is None:
        raise HttpError(404, f"这张表没有第 {number} 次批复的版本")
    return {"number": version.number, "approved_at": version.approved_at, "table": from_record(version.record).to_json()}


@router.get("/tables/{pk}/export/{fmt}", response={200: None} | REFUSALS, tags=[TABLES], summary="导出文件",
            openapi_extra={"responses": {200: {"description": "导出的文件", "content": {"application/octet-stream": {}}}}})
def export(request: HttpRequest, pk: int, fmt: str = Path(..., description="、".join(EXPORTS))):  # noqa: ANN201
    """按规范版式导出（xlsx、docx、pdf、html），或导出 json、csv。"""
    table = _table(request, pk)
    if fmt not in EXPORTS:
        raise HttpError(404, f"没有“{fmt}”这种导出格式（可用：{'、'.join(EXPORTS)}）")
    return FileResponse(export_file(store.table_of(table), fmt), as_attachment=True, filename=f"{table.name}.{fmt}")


# ---- indicators, findings, editing ------------------------------------------------------

@router.get("/tables/{pk}/indicators", response={200: list[IndicatorOut]} | REFUSALS, tags=[REVIEW],
            summary="三级指标，各带审核发现的问题")
def indicators(request: HttpRequest, pk: int):  # noqa: ANN201
    result = store.review_of(_table(request, pk))
    by_indicator, _ = placed_findings(result)
    found = []
    for n, indicator in enumerate(result.table.indicators):
        data = indicator.to_json()
        found.append({"index": n, **{key: data.pop(key) for key in ("level1", "level2", "name", "half_year", "full_year", "line")},
                      "extra": data, "findings": [f.to_json() for f in by_indicator.get(n, [])]})
    return found


@router.get("/tables/{pk}/findings", response={200: FindingsOut} | REFUSALS, tags=[REVIEW], summary="审核结果：得分、等级与全部问题")
def findings(request: HttpRequest, pk: int):  # noqa: ANN201
    result = store.review_of(_table(request, pk))
    return {"score": result.score, "grade": result.grade,
            "counts": {severity.value: n for severity, n in result.counts(Severity.INFO).items()},
            "findings": [f.to_json() for f in result.findings]}


@router.get("/tables/{pk}/sheet", response={200: SheetOut} | REFUSALS, tags=[REVIEW], summary="编辑表单（修改后用 PUT 保存）")
def sheet(request: HttpRequest, pk: int):  # noqa: ANN201
    table = _table(request, pk)
    return {"version": table.version, "sheet": to_sheet(store.table_of(table))}


@router.put("/tables/{pk}/sheet", response={200: TableSummary, 409: Detail, 422: Problems} | REFUSALS, tags=[REVIEW],
            summary="保存修改（须给出所依据的版本）")
def save_sheet(request: HttpRequest, pk: int, body: SheetIn):  # noqa: ANN201
    """只有本单位的填报人或单位负责人可以修改草稿或退回的表。指标值按值的语法重新识别，审核结果随之重算，
    修改记入历史。表在此期间已被他人修改时返回 409，不保存。"""
    table = _table(request, pk)
    try:
        saved = store.save_sheet(request.auth, table, body.sheet.model_dump(), body.version)
    except store.Refused as error:
        raise HttpError(403, str(error)) from None
    except store.Conflict as error:
        return Answer(409, {"detail": str(error)})
    except SheetError as error:
        return Answer(422, {"detail": "修改内容有误，没有保存：" + str(error), "problems": error.problems})
    return Answer(200, summary(saved))


# ---- workflow -----------------------------------------------------------------------------

@router.post("/tables/{pk}/steps/{action}", response={200: TableSummary, 422: Detail} | REFUSALS, tags=[WORKFLOW],
             summary="流程操作：提交、退回、审核通过、批复、发起调整")
def take_step(request: HttpRequest, pk: int, action: str = Path(..., description=STEP_NAMES),  # noqa: ANN201
              body: StepIn = None):
    """退回时须写明原因：note（整表）或 reasons（逐个指标）。"""
    table = _table(request, pk)
    if action not in store.STEPS:
        raise HttpError(404, f"没有“{action}”这个操作（可用：{STEP_NAMES}）")
    body = body or StepIn()
    try:
        moved = store.take_step(request.auth, table, action, body.note, [(r.indicator, r.text) for r in body.reasons])
    except store.Incomplete as error:
        raise HttpError(422, str(error)) from None
    except store.Refused as error:
        raise HttpError(403, str(error)) from None
    return summary(moved)


@router.get("/tables/{pk}/history", response={200: list[EventOut]} | REFUSALS, tags=[WORKFLOW], summary="修改与流程记录")
def history(request: HttpRequest, pk: int):  # noqa: ANN201
    table = _table(request, pk)
    return [{"id": e.id, "action": e.action, "action_label": e.get_action_display(), "user": _who(e.user), "at": e.at,
             "status_before": e.status_before, "status_after": e.status_after, "note": e.note,
             "changes": e.changes, "version": e.version} for e in table.events.select_related("user")]


@router.get("/tables/{pk}/comments", response={200: list[CommentOut]} | REFUSALS, tags=[COMMENTS], summary="意见（含退回原因）")
def comments(request: HttpRequest, pk: int):  # noqa: ANN201
    return [_comment(c) for c in _table(request, pk).comments.select_related("author")]


@router.post("/tables/{pk}/comments", response={201: CommentOut, 422: Detail} | REFUSALS, tags=[COMMENTS],
             summary="发表意见（对整表或某个三级指标）")
def add_comment(request: HttpRequest, pk: int, body: CommentIn):  # noqa: ANN201
    """本单位人员和审核人可以发表意见，并通知另一方。"""
    table = _table(request, pk)
    try:
        comment = store.add_comment(request.auth, table, body.text, body.indicator)
    except store.Incomplete as error:
        raise HttpError(422, str(error)) from None
    except store.Refused as error:
        raise HttpError(403, str(error)) from None
    return Answer(201, _comment(comment))


def _comment(comment) -> dict:  # noqa: ANN001 (a Comment)
    return {"id": comment.id, "author": _who(comment.author), "at": comment.at, "indicator": comment.indicator,
            "text": comment.text, "is_return_reason": comment.is_return_reason}


# ---- notices and tools --------------------------------------------------------------------

@router.get("/notifications", response={200: NotificationPage, 401: Detail}, tags=[PEOPLE], summary="我的通知")
def notifications(request: HttpRequest, unread: bool = Query(False, description="只列未读的"),  # noqa: ANN201
                  limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    mine = Notification.objects.filter(user=request.auth)
    shown = mine.filter(read=False) if unread else mine
    return {"count": shown.count(), "unread": mine.filter(read=False).count(), "limit": limit, "offset": offset,
            "items": list(shown.values("id", "table_id", "text", "at", "read")[offset:offset + limit])}


@router.post("/notifications/read", response={200: Marked, 401: Detail}, tags=[PEOPLE], summary="全部标为已读")
def notifications_read(request: HttpRequest):  # noqa: ANN201
    return {"marked": Notification.objects.filter(user=request.auth, read=False).update(read=True)}


@router.get("/targets/check", response={200: dict, 401: Detail}, tags=[REVIEW], summary="识别一个指标值")
def target_check(request: HttpRequest, text: str = "", name: str = Query("", description="三级指标名称（帮助判断单位）")):  # noqa: ANN201
    """按值的语法读出比较符、数值和单位，并给出中文判断，如“数量指标：≥1500家”。"""
    return check_target(text[:200], name[:200])
