"""`python -m jixiao.web token USERNAME [--name NAME]`: a token for a script to call the HTTP
API as that person, printed once; `--list` shows the person's tokens, `--revoke NAME` ends one."""

from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.web.accounts.models import ApiToken


class Command(BaseCommand):
    help = "为人员创建调用 HTTP 接口的令牌（只显示一次），或列出、停用其令牌"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="脚本", help="令牌名称（同一人员的令牌名称不能重复；默认“脚本”）")
        parser.add_argument("--list", action="store_true", help="列出此人员的令牌，不创建")
        parser.add_argument("--revoke", metavar="NAME", help="停用（删除）此人员名为 NAME 的令牌")

    def handle(self, *args, username: str, name: str, list: bool, revoke: str | None, **options) -> None:  # noqa: A002
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            self._fail(f"没有用户名为“{username}”的人员")
        if list:
            tokens = user.api_tokens.order_by("created")
            for token in tokens:
                used = timezone.localtime(token.last_used).strftime("%Y-%m-%d %H:%M") if token.last_used else "从未使用"
                self.stdout.write(f"{token.name}\t创建于 {timezone.localtime(token.created):%Y-%m-%d %H:%M}\t最近使用：{used}")
            if not tokens:
                self.stdout.write(f"{username} 没有令牌")
            return
        if revoke is not None:
            deleted, _ = user.api_tokens.filter(name=revoke).delete()
            if not deleted:
                self._fail(f"{username} 没有名为“{revoke}”的令牌")
            self.stdout.write(f"已停用 {username} 的令牌“{revoke}”")
            return
        name = name.strip()[:100]
        if not name:
            self._fail("令牌名称不能为空")
        try:
            with transaction.atomic():
                _, token = ApiToken.issue(user, name)
        except IntegrityError:
            self._fail(f"{username} 已有名为“{name}”的令牌：请用 --name 另取名称，或先用 --revoke 停用它")
        self.stdout.write(f"已为 {username} 创建令牌“{name}”。令牌只显示这一次，请立即妥善保存：")
        self.stdout.write(token)
        self.stdout.write("调用接口时在请求头中加上：Authorization: Bearer <令牌>")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)
