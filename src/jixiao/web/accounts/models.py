"""Who works in the application and for whom: a unit (单位) belongs to an authority (主管部门),
which a finance bureau (财政局) reviews; a person holds roles in a unit or in a bureau."""

from __future__ import annotations

import hashlib
import secrets

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
    # The bureau's monitoring and self-evaluation settings (jixiao.config.from_mapping reads the
    # mapping; empty: the defaults), and the TOML or JSON text its reviewer wrote them as.
    monitoring_settings = models.JSONField("监控与自评设置", default=dict, blank=True)
    monitoring_settings_text = models.TextField("设置原文", blank=True)
    settings_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                            related_name="+", verbose_name="设置修改人")
    settings_changed_at = models.DateTimeField("设置修改时间", null=True, blank=True)

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


class ApiToken(models.Model):
    """What a script signs in to the HTTP API with (Authorization: Bearer …), acting as the
    person it was made for, with that person's roles. Only the token's SHA-256 is kept: the
    token itself is shown once, when it is made (python -m jixiao.web token)."""

    PREFIX = "jx_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name="人员")
    name = models.CharField("名称", max_length=100)
    digest = models.CharField("SHA-256", max_length=64, unique=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="api_token_unique_name")]

    def __str__(self) -> str:
        return f"{self.user}：{self.name}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:  # noqa: ANN001 (a Django user)
        """A new token for `user`: the stored row, and the token, which is not stored."""
        token = cls.PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=cls.digest_of(token)), token

    @classmethod
    def holder(cls, token: str):  # noqa: ANN206 (a Django user or None)
        """The active person `token` was made for, else None; records when it was used."""
        if not token.startswith(cls.PREFIX) or len(token) > 200:
            return None
        found = cls.objects.select_related("user").filter(digest=cls.digest_of(token)).first()
        if found is None or not found.user.is_active:
            return None
        cls.objects.filter(pk=found.pk).update(last_used=timezone.now())
        return found.user
