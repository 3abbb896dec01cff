"""What the HTTP API takes and gives, as the OpenAPI document describes it. A table itself is
given in the JSON contract of docs/json.md (TargetTable.to_json), not described again here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class Detail(Schema):
    """Every refusal and error: one Chinese sentence."""

    detail: str = Field(description="中文说明")


class Problems(Detail):
    problems: list[str] = Field(description="修改内容中每一处无法接受的问题，各自指明位置")


class UnitOut(Schema):
    id: int
    name: str


class TableSummary(Schema):
    id: int
    name: str = Field(description="项目名称（部门整体表为单位名称）")
    unit: UnitOut
    year: int | None
    kind: str = Field(description="project（项目支出）或 department（部门整体支出）")
    kind_label: str
    stage: str = Field(description="target（绩效目标）或 self_evaluation（绩效自评）")
    stage_label: str
    status: str = Field(description="draft 草稿、submitted 已提交、returned 退回、reviewed 已审核、approved 已批复")
    status_label: str
    adjusting: bool = Field(description="已批复的表正在调整")
    version: int = Field(description="每次修改加一；保存修改时须给出所依据的版本")
    score: int = Field(description="审核得分（0–100）")
    grade: str = Field(description="等级：优、良、中、差")
    errors: int
    warnings: int
    updated_at: datetime
    submitted_at: datetime | None


class StepOut(Schema):
    action: str
    label: str


class ApprovedOut(Schema):
    number: int
    approved_at: datetime


class TableDetail(TableSummary):
    source_name: str
    created_at: datetime
    steps: list[StepOut] = Field(description="当前用户现在可以执行的流程操作")
    can_edit: bool
    can_comment: bool
    approved: list[ApprovedOut] = Field(description="历次批复的版本")
    table: dict[str, Any] = Field(description="表的全部内容，字段见 docs/json.md")


class TablePage(Schema):
    count: int = Field(description="符合条件的表的总数")
    limit: int
    offset: int
    items: list[TableSummary]


class FindingOut(Schema):
    rule: str
    severity: str = Field(description="error 错误、warning 警告、info 提示")
    title: str
    concern: str
    message: str
    indicator: str | None
    line: int | None
    basis: str
    suggestion: str


class FindingsOut(Schema):
    score: int
    grade: str
    counts: dict[str, int] = Field(description="按严重程度（error、warning、info）的问题数")
    findings: list[FindingOut]


class IndicatorOut(Schema):
    index: int = Field(description="在表中的序号（从 0 起），即编辑表单中的 origin")
    level1: str | None
    level2: str | None
    name: str
    half_year: dict[str, Any] | None
    full_year: dict[str, Any] | None
    line: int
    extra: dict[str, Any] = Field(description="表中另有的列（指标性质、分值、实际完成值等）")
    findings: list[FindingOut] = Field(description="审核对此指标发现的问题")


class FundingRow(Schema):
    name: str
    amount_wan: str = ""
    parent: str = ""


class ExpenditureRow(Schema):
    name: str
    half_year_wan: str = ""
    annual_wan: str = ""


class TaskRow(Schema):
    name: str
    content: str = ""
    duty: str = ""
    project: str = ""
    amount_wan: str = ""
    appropriation_wan: str = ""
    other_wan: str = ""


class IndicatorRow(Schema):
    origin: int | None = Field(None, description="来自表中第几个指标（从 0 起）；新增的指标为 null")
    level1: str = ""
    level2: str = ""
    name: str
    half_year: str = ""
    full_year: str = ""


class Sheet(Schema):
    """The table as the editor shows it (jixiao.editing): every value a string. It is the
    whole table: a row left out is deleted."""

    header: dict[str, str] = Field(description="表头：title、year、unit、project、total_amount_wan 等")
    texts: dict[str, str] = Field(description="文字说明，键见 docs/json.md")
    funding: list[FundingRow]
    expenditures: list[ExpenditureRow]
    tasks: list[TaskRow] | None = Field(None, description="年度主要任务（部门整体支出表）；省略时保持不变")
    indicators: list[IndicatorRow] = Field(description="全部三级指标，按表中顺序；指标值按“≥1500家”“=100%”等写法重新识别")


class SheetOut(Schema):
    version: int
    sheet: Sheet


class SheetIn(Schema):
    version: int = Field(description="所依据的版本；表已被他人修改时返回 409，修改不会保存")
    sheet: Sheet


class ReasonIn(Schema):
    indicator: str = Field("", description="三级指标名称；空为整表")
    text: str


class StepIn(Schema):
    note: str = ""
    reasons: list[ReasonIn] = Field(default_factory=list, description="退回时逐个指标的原因")


class ChangeOut(Schema):
    place: str
    before: str
    after: str


class EventOut(Schema):
    id: int
    action: str
    action_label: str
    user: str
    at: datetime
    status_before: str
    status_after: str
    note: str
    changes: list[ChangeOut]
    version: int


class CommentIn(Schema):
    text: str
    indicator: str = Field("", description="三级指标名称；空为对整表")


class CommentOut(Schema):
    id: int
    author: str
    at: datetime
    indicator: str
    text: str
    is_return_reason: bool


class NotificationOut(Schema):
    id: int
    table_id: int
    text: str
    at: datetime
    read: bool


class NotificationPage(Schema):
    count: int
    unread: int
    limit: int
    offset: int
    items: list[NotificationOut]


class Marked(Schema):
    marked: int = Field(description="标为已读的通知数")


class PreviewTable(Schema):
    name: str
    score: int
    grade: str
    table: dict[str, Any] = Field(description="读到的内容（含解析报告 report 和提醒 warnings），字段见 docs/json.md")


class PreviewOut(Schema):
    file: str
    unit: UnitOut
    tables: list[PreviewTable]


class ImportOut(Schema):
    file: str
    tables: list[TableSummary]


class ApprovedTable(Schema):
    number: int
    approved_at: datetime
    table: dict[str, Any] = Field(description="批复时的内容，字段见 docs/json.md")


class MeOut(Schema):
    username: str
    name: str
    roles: list[str] = Field(description="各角色及其所在单位或财政部门，如“填报人：江阴市科学技术局”")
