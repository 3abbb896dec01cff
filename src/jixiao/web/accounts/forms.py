"""The sign-in form: Django's, throttled (jixiao.web.accounts.throttle), with Chinese messages."""

from __future__ import annotations

import math

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from jixiao.web.accounts import throttle


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入。",
        "inactive": "该账号已停用，请联系管理员。",
        "throttled": "登录失败次数过多，请 %(minutes)d 分钟后再试。",
    }

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()
        address = throttle.address(self.request)
        until = throttle.locked_until(username, address)
        if until is not None:
            minutes = math.ceil((until - timezone.now()).total_seconds() / 60)
            raise ValidationError(self.error_messages["throttled"], code="throttled", params={"minutes": minutes})
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.failed(username, address)
            raise
        throttle.succeeded(username)
        return cleaned
