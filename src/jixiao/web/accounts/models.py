"""Who works in the application and for whom: a unit (单位) belongs to an authority (主管部门),
which a finance bureau (财政局) reviews; a person holds roles in a unit or in a bureau."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    """What a bureau, an authority and a unit share: a name, shown as itself."""

    name = models.CharField("名称", max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class FinanceBureau(Organisation):
    class Meta:
        verbose_name = verbose_name_plural = "财政部门"
        constraints = [models.UniqueConstraint(fields=["name"], name="bureau_unique_name")]


class Authority(Organisation):
    bureau = models.ForeignKey(FinanceBureau, models.PROTECT, related_name="authorities", verbose_name="审核的财政部门")

    class Meta:
        verbose_name = verbose_name_plural = "主管部门"
        constraints = [models.UniqueConstraint(fields=["bureau", "name"], name="authority_unique_in_bureau")]


class Unit(Organisation):
    authority = models.ForeignKey(Authority, models.PROTECT, related_name="units", verbose_name="主管部门")

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="unit_unique_in_authority")]

    @property
    def bureau(self) -> FinanceBureau:
        return self.authority.bureau


class Role(models.TextChoices):
    FILLER = "filler", "填报人"
    HEAD = "head", "单位负责人"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


# Where each role works: a unit's people fill in and sign; a bureau's people review.
UNIT_ROLES = (Role.FILLER, Role.HEAD)
BUREAU_ROLES = (Role.REVIEWER,)


class Membership(models.Model):
    """One role of one person, in a unit (填报人, 单位负责人), in a finance bureau (审核人), or over
    the whole installation (管理员)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name="人员")
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    unit = models.ForeignKey(Unit, models.CASCADE, null=True, blank=True, related_name="members", verbose_name="单位")
    bureau = models.ForeignKey(FinanceBureau, models.CASCADE, null=True, blank=True, related_name="members",
                               verbose_name="财政部门")

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role__in=UNIT_ROLES, unit__isnull=False, bureau__isnull=True)
                           | models.Q(role__in=BUREAU_ROLES, bureau__isnull=False, unit__isnull=True)
                           | models.Q(role=Role.ADMIN, unit__isnull=True, bureau__isnull=True)),
                name="membership_role_has_its_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.unit or self.bureau or '全部'}"


class LoginFailure(models.Model):
    """One failed sign-in: what jixiao.web.accounts.throttle counts. Kept in the database, which
    every gunicorn worker shares, and not in a worker's memory."""

    username = models.CharField("用户名", max_length=150)
    address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"
        indexes = [models.Index(fields=["username", "at"], name="loginfailure_username_at"),
                   models.Index(fields=["address", "at"], name="loginfailure_address_at"),
                   models.Index(fields=["at"], name="loginfailure_at")]

    def __str__(self) -> str:
        return f"{self.username}（{self.address or '未知地址'}）{self.at:%Y-%m-%d %H:%M}"
