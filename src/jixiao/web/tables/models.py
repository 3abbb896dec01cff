"""A stored target table and what happens to it: its versions, its history, the reviewer's
comments and the notices they send.

The table itself is kept whole as a record (jixiao.record): the review needs more than the
published JSON (where each field was read, the level-2 blocks left empty). The columns beside
it are what the list filters, sorts and shows without opening the record."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.accounts.models import Unit


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已批复"


IN_REVIEW = (Status.SUBMITTED, Status.REVIEWED)  # what waits in a reviewer's queue


class Kind(models.TextChoices):
    PROJECT = "project", "项目支出"
    DEPARTMENT = "department", "部门整体支出"


class Stage(models.TextChoices):
    TARGET = "target", "绩效目标"
    SELF_EVALUATION = "self_evaluation", "绩效自评"


class Table(models.Model):
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="tables", verbose_name="单位")
    year = models.IntegerField("年度", null=True, blank=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices)
    name = models.CharField("名称", max_length=300)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Set while an approved table is being adjusted (调整): the approved version stays readable.
    adjusting = models.BooleanField("调整中", default=False)
    # Raised by every save; a save that names an older number is refused (no silent overwrite).
    version = models.PositiveIntegerField("版本", default=1)
    record = models.JSONField("内容")
    # What the list's search looks in: the name, the project and title, every indicator's name and
    # targets, in capitals (str.upper), so that the search is one case-sensitive LIKE on it. On
    # PostgreSQL the database makes the column search_pieces from it (migration 0007, words.py),
    # which a migration changing this column's type must drop first and make again.
    search_text = models.TextField("检索文本", blank=True)
    # The review as saved with the table, and the code that made it (review.rules_fingerprint):
    # while that code is unchanged the table page shows these findings rather than review again.
    # Null for a table saved before they existed. (Nullable, with no default, so that SQLite adds
    # them in place: rebuilding the table would drop its search index, which migration 0004
    # made outside Django's knowledge.)
    findings = models.JSONField("审核发现", null=True, blank=True)
    reviewed_with = models.CharField("审核代码版本", max_length=16, null=True, blank=True)
    score = models.PositiveSmallIntegerField("审核得分")
    grade = models.CharField("等级", max_length=4)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "绩效目标表"
        ordering = ["-updated_at", "-id"]
        indexes = [
            # Every filter of the list and the order it sorts by, after the unit: the list, however
            # filtered, is read from this index alone (without it, SQLite read each row for its
            # date, past the content's overflow pages: 11 ms for one year of a reviewer's tables).
            models.Index(fields=["unit", "year", "status", "kind", "stage", "updated_at", "id"],
                         name="table_list_filters"),
            models.Index(fields=["status", "submitted_at"], name="table_queue"),
            models.Index(fields=["-updated_at", "-id"], name="table_recent"),
            # A reviewer's tables are their units' tables: this index alone answers how many wait
            # (the count in every page's navigation) and the order of the list, with no row read.
            models.Index(fields=["unit", "status", "updated_at", "id"], name="table_unit_status_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.year or ''} {self.name}".strip()

    @property
    def ever_approved(self) -> bool:
        """Whether it has approved versions, without asking the database: approval keeps one, and
        an approved table leaves that status only by an adjustment, marked until approved again."""
        return self.status == Status.APPROVED or self.adjusting


class ApprovedVersion(models.Model):
    """The table as it was approved (已批复); an adjustment works on a copy and leaves it."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="approved_versions")
    number = models.PositiveIntegerField("批复序号")
    record = models.JSONField("内容")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    approved_at = models.DateTimeField("批复时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "批复版本"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["table", "number"], name="approved_version_once")]


class Action(models.TextChoices):
    IMPORT = "import", "导入"
    EDIT = "edit", "修改"
    SUBMIT = "submit", "提交"
    RETURN = "return", "退回"
    REVIEW = "review", "审核通过"
    APPROVE = "approve", "批复"
    ADJUST = "adjust", "发起调整"
    COMMENT = "comment", "意见"


class Event(models.Model):
    """One entry of a table's history: who did what when, and what was before and after."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    at = models.DateTimeField("时间", auto_now_add=True)
    status_before = models.CharField(max_length=10, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=10, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)
    changes = models.JSONField("修改内容", default=list)  # [{place, before, after}]
    version = models.PositiveIntegerField("修改后版本")

    class Meta:
        verbose_name = verbose_name_plural = "修改记录"
        ordering = ["at", "id"]


class Comment(models.Model):
    """A reviewer's or a filler's word on a table or on one indicator of it. Return reasons
    are comments too, marked as such."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    indicator = models.CharField("指标", max_length=300, blank=True)  # the name, as it was then
    text = models.TextField("内容")
    is_return_reason = models.BooleanField("退回原因", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "意见"
        ordering = ["at", "id"]


class Notification(models.Model):
    """A notice inside the application for the other side of a table's workflow."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    table = models.ForeignKey(Table, models.CASCADE, related_name="+")
    text = models.CharField("内容", max_length=500)
    at = models.DateTimeField("时间", auto_now_add=True)
    read = models.BooleanField("已读", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "通知"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "read"], name="notification_unread")]


class PendingImport(models.Model):
    """What an uploaded file was read as, kept until the person confirms or drops it; only a
    confirmed import becomes tables."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    records = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
