"""Actual values through the year, as a unit enters them for an approved table: what each
indicator reached by a month, the money spent by then, and what holds for the whole year (the
adjusted budget, the points an indicator carries at year-end).

These rows are the web application's form of jixiao.actuals.Actuals, which
jixiao.web.monitoring.store builds from them, so that monitoring and scoring are the core's
functions unchanged. An indicator is kept by its position in the approved table and by its name
as it was then: an adjustment that moves or renames indicators leaves the rows it no longer
matches visible as such, never silently reattached to another indicator."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.actuals import LIKELIHOODS
from jixiao.web.tables.models import Table

MONTH_IN_YEAR = models.Q(month__gte=1, month__lte=12)
TOTAL = ""  # the source of the total spending rows (合计)


class ActualValue(models.Model):
    """One indicator's actual value at the end of one month (6: mid-year, 12: year-end)."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="actual_values", verbose_name="绩效目标表")
    indicator = models.PositiveIntegerField("指标序号")  # position in the approved table's indicators
    name = models.CharField("三级指标", max_length=300)  # as it was when entered
    month = models.PositiveSmallIntegerField("截至月份")
    value = models.CharField("实际完成值", max_length=200)
    causes = models.JSONField("偏差原因类别", default=list, blank=True)  # of jixiao.actuals.CAUSES
    cause_text = models.TextField("偏差原因说明", blank=True)
    likelihood = models.CharField("完成可能性", max_length=10, blank=True, choices=[(w, w) for w in LIKELIHOODS])
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="填报人")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "实际完成值"
        ordering = ["table", "indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["table", "indicator", "month"], name="actual_value_once"),
            models.CheckConstraint(condition=MONTH_IN_YEAR, name="actual_value_month"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.month} 月）：{self.value}"


class Spending(models.Model):
    """Money spent by the end of one month, cumulative, in 万元: the total (source "") or one
    funding source."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="spending", verbose_name="绩效目标表")
    source = models.CharField("资金来源", max_length=300, blank=True)  # "" = 合计
    month = models.PositiveSmallIntegerField("截至月份")
    spent_wan = models.DecimalField("累计支出（万元）", max_digits=18, decimal_places=6)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="填报人")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "预算支出"
        ordering = ["table", "source", "month"]
        constraints = [
            models.UniqueConstraint(fields=["table", "source", "month"], name="spending_once"),
            models.CheckConstraint(condition=MONTH_IN_YEAR, name="spending_month"),
            models.CheckConstraint(condition=models.Q(spent_wan__gte=0), name="spending_not_negative"),
        ]


class Budget(models.Model):
    """The adjusted annual budget (调整后全年预算数) of the total (source "") or of one funding
    source, where the unit states it; the table's own amount otherwise."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="budgets", verbose_name="绩效目标表")
    source = models.CharField("资金来源", max_length=300, blank=True)
    budget_wan = models.DecimalField("全年预算数（万元）", max_digits=18, decimal_places=6)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="填报人")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "全年预算数"
        constraints = [
            models.UniqueConstraint(fields=["table", "source"], name="budget_once"),
            models.CheckConstraint(condition=models.Q(budget_wan__gte=0), name="budget_not_negative"),
        ]


class Weight(models.Model):
    """The points (分值) a unit sets for one indicator in the self-evaluation; indicators without
    one share what is left of their level-1 block equally."""

    table = models.ForeignKey(Table, models.CASCADE, related_name="weights", verbose_name="绩效目标表")
    indicator = models.PositiveIntegerField("指标序号")
    name = models.CharField("三级指标", max_length=300)
    weight = models.DecimalField("分值", max_digits=9, decimal_places=4)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="填报人")
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标分值"
        constraints = [
            models.UniqueConstraint(fields=["table", "indicator"], name="weight_once"),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="weight_not_negative"),
        ]
