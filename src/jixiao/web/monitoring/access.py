"""Who may see and do what in monitoring and self-evaluation, on top of jixiao.web.tables.access
(whose scope decides who sees a table at all):

- everyone who sees a table sees its actual values, its monitoring and its self-evaluation;
- the unit's 填报人 and 单位负责人 enter actual values, while the table is 已批复 (the approved
  targets are what is monitored; during an adjustment the values stay readable);
- a finance bureau's 审核人 has the dashboard of the bureau's units and edits the bureau's
  settings; an administrator has every bureau's dashboard and settings and changes no table."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.web.accounts.models import FinanceBureau
from jixiao.web.tables import access
from jixiao.web.tables.models import Status, Table

NOT_APPROVED = "这张表尚未批复：批复后才能填报实际完成值、监控和自评（监控的是批复的绩效目标）"
ADJUSTING = "这张表正在调整，调整期间不能填报实际完成值；已填报的值仍可查看，重新批复后继续填报"
ONLY_UNIT = "只有本单位的填报人或单位负责人可以填报实际完成值"


def enter_refusal(user, table: Table) -> str | None:  # noqa: ANN001 (a Django user)
    """Why the person may not enter actual values of `table` now; None when they may."""
    if not access.fills_in(user, table):
        return ONLY_UNIT
    if table.status != Status.APPROVED:
        return ADJUSTING if table.adjusting else NOT_APPROVED
    return None


def may_enter(user, table: Table) -> bool:  # noqa: ANN001
    return enter_refusal(user, table) is None


def has_dashboard(user) -> bool:  # noqa: ANN001
    scope = access.scope_of(user)
    return bool(scope.bureaus) or scope.admin


def bureaus(user) -> QuerySet[FinanceBureau]:  # noqa: ANN001
    """The finance bureaus whose dashboard and settings the person has."""
    scope = access.scope_of(user)
    if scope.admin:
        return FinanceBureau.objects.order_by("name", "id")
    return FinanceBureau.objects.filter(id__in=scope.bureaus).order_by("name", "id")
