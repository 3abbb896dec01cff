"""The web application's first page (issue 13): the Chinese login page is the landing page,
people sign in to see their roles, and a role sits where it belongs (a unit's or a bureau's).
Django's test client against a real database (SQLite here, PostgreSQL where DATABASE_URL says)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import IntegrityError

from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit() -> Unit:
    bureau = FinanceBureau.objects.create(name="江阴市财政局")
    authority = Authority.objects.create(name="江阴市科学技术局", bureau=bureau)
    return Unit.objects.create(name="江阴市科学技术局（机关）", authority=authority)


def test_the_landing_page_is_the_chinese_login_page(client):
    landing = client.get("/")
    assert landing.status_code == 302 and landing["Location"].startswith("/login/")
    page = client.get(landing["Location"]).content.decode("utf-8")
    assert 'lang="zh-Hans"' in page
    for words in ("登录", "用户名", "密码"):
        assert words in page


def test_a_person_signs_in_and_sees_their_roles(client, django_user_model, unit):
    person = django_user_model.objects.create_user("zhangsan", password="科技2026", first_name="张三")
    Membership.objects.create(user=person, role=Role.FILLER, unit=unit)
    wrong = client.post("/login/", {"username": "zhangsan", "password": "错的"})
    assert "用户名或密码不正确" in wrong.content.decode("utf-8")
    signed_in = client.post("/login/", {"username": "zhangsan", "password": "科技2026"}, follow=True)
    page = signed_in.content.decode("utf-8")
    assert "你好，张三" in page and "填报人：江阴市科学技术局（机关）" in page


def test_a_role_sits_where_it_belongs(django_user_model, unit):
    person = django_user_model.objects.create_user("lisi", password="x")
    Membership.objects.create(user=person, role=Role.REVIEWER, bureau=unit.bureau)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=person, role=Role.REVIEWER, unit=unit)  # a reviewer works for a bureau


def test_the_core_never_imports_django():
    code = ("import sys, jixiao.api, jixiao.cli, jixiao.review, jixiao.review.report, jixiao.writers.xlsx; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
