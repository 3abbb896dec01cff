"""What changes a stored table: import, edit, the workflow, comments. Each change is one
database transaction that also writes the history and the notices, so a refused or failed
change leaves nothing behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from jixiao.api import parse_file
from jixiao.editing import apply_sheet
from jixiao.errors import InputError
from jixiao.model import TargetTable
from jixiao.readers import limit
from jixiao.record import from_record, to_record
from jixiao.review import RULES, Finding, Severity, TableReview, review, rules_fingerprint
from jixiao.web.accounts.models import Membership, Role, Unit
from jixiao.web.tables import access
from jixiao.web.tables.models import Action, ApprovedVersion, Comment, Event, Notification, Status, Table


class Refused(Exception):
    """A change the person may not make now; the message says why, in Chinese."""


class Incomplete(Refused):
    """A change the person may make, refused for what it lacks (a reason, a text)."""


class Conflict(Exception):
    """A save based on a version someone else has since changed."""


def table_of(table: Table) -> TargetTable:
    return from_record(table.record)


def review_of(table: Table) -> TableReview:
    """The table's review: as stored when the table was saved, while the code that reviewed it
    is the code running now (half a millisecond saved on every table page, more on a large
    table); else made again."""
    parsed = table_of(table)
    if table.reviewed_with == rules_fingerprint() and all(f[0] in RULES for f in table.findings):
        findings = [Finding(RULES[code], message, line, indicator, topic)
                    for code, message, line, indicator, topic in table.findings]
        return TableReview(parsed, findings, table.score, table.grade)
    return review(parsed)


def name_of(parsed: TargetTable) -> str:
    """What the table is called in lists: its project; a department table by its unit (their
    titles are all alike: 部门整体预算绩效目标表); else its title."""
    owner = parsed.unit or parsed.authority
    if parsed.kind == "department" and owner:
        return f"{owner}部门整体支出"[:300]
    return (parsed.project or parsed.title or owner or "（无名称）")[:300]


def _searchable(texts: list[str]) -> str:
    """Texts as the search compares them (queries.filtered capitalises the words the same way),
    each once."""
    return "\n".join(dict.fromkeys(t for t in texts if t)).upper()


def _summary(parsed: TargetTable) -> dict:
    """The columns the list shows and filters, taken from the table and its review."""
    result = review(parsed)
    counts = result.counts()
    name = name_of(parsed)
    searchable = [name, parsed.project or "", parsed.title or ""]
    for i in parsed.indicators:
        searchable += [i.name, i.full_year.raw if i.full_year else "", i.half_year.raw if i.half_year else ""]
    return {
        "year": parsed.year, "kind": parsed.kind, "stage": parsed.stage, "name": name,
        "record": to_record(parsed), "search_text": _searchable(searchable),
        "findings": [[f.rule.code, f.message, f.line, f.indicator, f.topic] for f in result.findings],
        "reviewed_with": rules_fingerprint(), "score": result.score, "grade": result.grade,
        "errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
    }


# ---- import -------------------------------------------------------------------------------

@dataclass
class Upload:
    """A file as read: its tables, or why it cannot be read."""

    name: str
    tables: list[TargetTable]
    error: str | None = None


@contextmanager
def saved_upload(name: str, chunks: Iterable[bytes], size: int) -> Iterator[str]:
    """An upload as a temporary file (the readers need a path), held to the command line's size
    limit: above it, InputError(name, reason) before anything is written. The file is gone when
    the block ends."""
    ceiling = limit("MAX_FILE_MB", 50)
    if size > ceiling * 1024 * 1024:
        raise InputError(name, f"文件有 {size // (1024 * 1024)} MB，超过上限 {ceiling} MB")
    handle, path = tempfile.mkstemp(suffix=Path(name).suffix.lower()[:10], prefix="jixiao-upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        yield path
    finally:
        os.unlink(path)


def read_upload(name: str, chunks: Iterable[bytes], size: int) -> Upload:
    """Read an uploaded file with the command line's readers and limits. Nothing is stored."""
    name = Path(name or "上传文件").name
    try:
        with saved_upload(name, chunks, size) as path:
            tables = parse_file(path)
    except InputError as error:
        return Upload(name, [], error.reason)
    for table in tables:
        table.source = name  # the person's file name, not the temporary one
    if not tables:
        return Upload(name, [], "文件中没有找到绩效目标表")
    return Upload(name, tables)


@transaction.atomic
def create_tables(user, unit: Unit, tables: Sequence[TargetTable], source_name: str) -> list[Table]:  # noqa: ANN001
    if unit.id not in access.scope_of(user).units:
        raise Refused("只能导入本单位的绩效目标表")
    created = []
    for parsed in tables:
        row = Table.objects.create(unit=unit, source_name=source_name[:255], **_summary(parsed))
        Event.objects.create(table=row, user=user, action=Action.IMPORT, status_after=row.status,
                             note=f"从“{source_name}”导入", version=row.version)
        created.append(row)
    transaction.on_commit(_gather_statistics)
    transaction.on_commit(tables_changed)
    return created


def tables_changed() -> None:
    """Tables were added or changed: the list's year and unit choices this worker keeps
    (queries.choices) are forgotten."""
    caches["default"].clear()


def _gather_statistics() -> None:
    """SQLite chooses the list's indexes by statistics that only ANALYZE gathers, and a new
    installation has none; without them it read every row of a reviewer's tables for a list
    filtered by status (40 ms at 40,000 tables, 0.1 ms with them). Imports are what make the
    tables grow, so an import gathers them again, from a sample of each index, when there are
    none or the tables have grown by a quarter since (2 ms at 40,000 tables; looking costs
    two small queries). PostgreSQL's autovacuum does this itself."""
    if connection.vendor != "sqlite":
        return
    table = Table._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx = %s", [table, "table_list_filters"])
        counted = cursor.fetchone()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0]  # ids only grow: the rows there are, give or take deletions
        if counted and highest <= int(counted[0].split()[0]) * 5 // 4:
            return
        cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


# ---- editing ------------------------------------------------------------------------------

@transaction.atomic
def save_sheet(user, table: Table, sheet: dict, version: int) -> Table:  # noqa: ANN001
    """Save an edited sheet over `version`. Raises Refused, Conflict, or SheetError (bad values)."""
    if not access.can_edit(user, table):
        raise Refused("只有本单位的填报人或单位负责人可以修改草稿或退回的表")
    current = Table.objects.select_for_update().get(pk=table.pk)
    if current.version != version:
        raise Conflict(f"这张表已被他人修改（您打开的是第 {version} 版，现在是第 {current.version} 版）。"
                       "您的修改没有保存，也没有丢失：请复制您的内容，重新打开后再改。")
    after, changed = apply_sheet(table_of(current), sheet)
    if not changed:
        return current
    fields = _summary(after)
    Table.objects.filter(pk=current.pk).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    current.refresh_from_db()
    Event.objects.create(table=current, user=user, action=Action.EDIT, version=current.version,
                         changes=[c.to_json() for c in changed])
    transaction.on_commit(tables_changed)  # the year may be another
    return current


# ---- workflow -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    label: str
    sources: tuple[str, ...]
    target: str
    side: str  # "unit" | "head" | "reviewer": who may take it
    needs_reason: bool = False


STEPS: dict[str, Step] = {
    Action.SUBMIT: Step("提交", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "unit"),
    Action.RETURN: Step("退回", (Status.SUBMITTED, Status.REVIEWED), Status.RETURNED, "reviewer", needs_reason=True),
    Action.REVIEW: Step("审核通过", (Status.SUBMITTED,), Status.REVIEWED, "reviewer"),
    Action.APPROVE: Step("批复", (Status.REVIEWED,), Status.APPROVED, "reviewer"),
    # An approved budget is adjusted on the unit head's word, not on a filler's alone.
    Action.ADJUST: Step("发起调整", (Status.APPROVED,), Status.DRAFT, "head"),
}


def may_take(user, table: Table, action: str) -> bool:  # noqa: ANN001
    step = STEPS[action]
    if table.status not in step.sources:
        return False
    if step.side == "unit":
        return access.fills_in(user, table)
    if step.side == "head":
        return access.heads(user, table)
    return access.reviews(user, table)


def steps_for(user, table: Table) -> list[tuple[str, Step]]:  # noqa: ANN001
    return [(action, step) for action, step in STEPS.items() if may_take(user, table, action)]


@transaction.atomic
def take_step(user, table: Table, action: str, note: str = "",  # noqa: ANN001
              reasons: Sequence[tuple[str, str]] = ()) -> Table:
    """Move the table on. `reasons` are (indicator name, text) pairs of a return."""
    if action not in STEPS:
        raise Refused(f"没有“{action}”这个操作")
    current = Table.objects.select_for_update().select_related("unit__authority").get(pk=table.pk)
    step = STEPS[action]
    if not may_take(user, current, action):
        raise Refused(f"当前状态“{current.get_status_display()}”下您不能{step.label}这张表")
    reasons = [(indicator.strip(), text.strip()) for indicator, text in reasons if text.strip()]
    note = note.strip()
    if step.needs_reason and not (note or reasons):
        raise Incomplete("退回时请写明原因（整表或逐个指标）")
    before = current.status
    current.status = step.target
    if action == Action.SUBMIT:
        current.submitted_at = timezone.now()
    if action == Action.APPROVE:
        number = current.approved_versions.count() + 1
        ApprovedVersion.objects.create(table=current, number=number, record=current.record, approved_by=user)
        current.adjusting = False
    if action == Action.ADJUST:
        current.adjusting = True
    current.version += 1
    current.save()
    Event.objects.create(table=current, user=user, action=action, status_before=before, status_after=current.status,
                         note=note, version=current.version,
                         changes=[{"place": f"指标“{i}”" if i else "整表", "before": "", "after": t} for i, t in reasons])
    for indicator, text in reasons:
        Comment.objects.create(table=current, author=user, indicator=indicator, text=text, is_return_reason=True)
    if note and action == Action.RETURN:
        Comment.objects.create(table=current, author=user, text=note, is_return_reason=True)
    _notify(user, current, f"{_who(user)}{step.label}了“{current.name}”" + (f"：{note}" if note else ""))
    return current


# ---- comments and notices -----------------------------------------------------------------

@transaction.atomic
def add_comment(user, table: Table, text: str, indicator: str = "") -> Comment:  # noqa: ANN001
    if not access.can_comment(user, table):
        raise Refused("只有本单位人员和审核人可以发表意见")
    text = text.strip()
    if not text:
        raise Incomplete("意见不能为空")
    comment = Comment.objects.create(table=table, author=user, indicator=indicator.strip()[:300], text=text)
    Event.objects.create(table=table, user=user, action=Action.COMMENT, version=table.version,
                         note=text, changes=[{"place": f"指标“{indicator}”" if indicator else "整表", "before": "", "after": text}])
    where = f"指标“{indicator}”" if indicator else f"“{table.name}”"
    _notify(user, table, f"{_who(user)}对{where}发表了意见：{text[:100]}")
    return comment


def _who(user) -> str:  # noqa: ANN001
    return user.get_full_name() or user.username


def _notify(user, table: Table, text: str) -> None:  # noqa: ANN001
    """Tell the other side: the unit's people when a reviewer acts, the reviewers when the unit does."""
    if access.reviews(user, table):
        people = Membership.objects.filter(unit=table.unit_id, role__in=(Role.FILLER, Role.HEAD))
    else:
        people = Membership.objects.filter(bureau=table.unit.authority.bureau_id, role=Role.REVIEWER)
    users = set(people.values_list("user_id", flat=True)) - {user.id}
    Notification.objects.bulk_create(Notification(user_id=u, table=table, text=text[:500]) for u in sorted(users))
