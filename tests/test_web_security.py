"""The web application's defences (issue 13, point 8): sign-in throttled per username and per
address, sessions that end after 30 idle minutes, security headers on every answer, Chinese error
pages with no debug detail, typed text escaped, HTTPS settings behind JIXIAO_HTTPS=1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from jixiao.web.accounts.demo import DEMO_PASSWORD
from jixiao.web.accounts.models import LoginFailure

pytestmark = pytest.mark.django_db

PASSWORD = "科技局2026年"
REFUSED = "登录失败次数过多"


@pytest.fixture
def person(django_user_model, settings):
    """Someone to sign in as, with a fast hasher: a sign-in here is not the hasher's test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("zhangsan", password=PASSWORD, first_name="张三")


def sign_in(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def fail(client, times: int, username: str = "zhangsan", address: str = "10.0.0.1") -> None:
    for _ in range(times):
        page = sign_in(client, username, "错的密码", address).content.decode("utf-8")
        assert "用户名或密码不正确" in page


def test_five_failures_lock_the_username_even_for_the_right_password(client, person):
    fail(client, 5)
    page = sign_in(client, "zhangsan", PASSWORD).content.decode("utf-8")
    assert "登录失败次数过多，请 15 分钟后再试。" in page
    assert "_auth_user_id" not in client.session
    # From another address too: the username is locked, not only the address.
    assert REFUSED in sign_in(client, "zhangsan", PASSWORD, "10.0.0.2").content.decode("utf-8")
    # Refused attempts are not counted: knocking on does not lengthen the lock.
    assert LoginFailure.objects.count() == 5


def test_four_failures_do_not_lock(client, person):
    fail(client, 4)
    assert signed_in(sign_in(client, "zhangsan", PASSWORD))
    assert not LoginFailure.objects.filter(username="zhangsan").exists()  # a success clears the count


def test_five_failures_from_one_address_lock_the_address(client, person):
    for name in ("a", "b", "c", "d", "e"):  # five usernames guessed from one address
        fail(client, 1, username=name, address="10.0.0.9")
    assert REFUSED in sign_in(client, "zhangsan", PASSWORD, "10.0.0.9").content.decode("utf-8")
    assert signed_in(sign_in(client, "zhangsan", PASSWORD, "10.0.0.1"))  # from elsewhere: open


def test_behind_the_https_proxy_the_forwarded_address_counts(client, person, settings):
    def through_proxy(forwarded: str):
        return client.post("/login/", {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR=forwarded).content.decode("utf-8")

    for name in ("a", "b", "c", "d", "e"):
        fail(client, 1, username=name, address="127.0.0.1")
    assert REFUSED in through_proxy("10.0.0.5")  # not behind a proxy: the header is not believed
    settings.HTTPS = True
    assert REFUSED not in through_proxy("1.2.3.4, 10.0.0.5")  # the proxy's entry, not the locked loopback
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"127.0.0.1"}


def test_a_success_does_not_clear_its_address(client, person, django_user_model):
    django_user_model.objects.create_user("mine", password=PASSWORD)
    fail(client, 4, username="other", address="10.0.0.9")
    assert signed_in(sign_in(client, "mine", PASSWORD, "10.0.0.9"))  # one's own account...
    client.logout()
    fail(client, 1, username="other", address="10.0.0.9")  # ...does not reset the address's count
    assert REFUSED in sign_in(client, "zhangsan", PASSWORD, "10.0.0.9").content.decode("utf-8")


def test_the_lock_ends_after_fifteen_minutes(client, person):
    fail(client, 5)
    assert REFUSED in sign_in(client, "zhangsan", PASSWORD).content.decode("utf-8")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=14))
    page = sign_in(client, "zhangsan", PASSWORD).content.decode("utf-8")
    assert "请 1 分钟后再试" in page  # the minutes left
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=15, seconds=1))
    assert signed_in(sign_in(client, "zhangsan", PASSWORD))


def test_failures_spread_over_more_than_the_window_do_not_lock(client, person):
    fail(client, 4)
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    fail(client, 1)
    assert signed_in(sign_in(client, "zhangsan", PASSWORD))


def test_old_failures_are_deleted(client, person):
    LoginFailure.objects.create(username="x", at=timezone.now() - timedelta(days=2))
    fail(client, 1)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["zhangsan"]


def test_every_answer_carries_the_security_headers(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    page = response.content.decode("utf-8")
    assert "<style" not in page and "<script" not in page and "style=" not in page  # nothing the policy blocks
    assert client.get("/没有这个页面/")["Content-Security-Policy"] == policy


def test_sessions_end_after_thirty_idle_minutes(client, person):
    """The session's expiry is pushed back to 30 minutes from now by a request when it was last
    pushed back over a minute ago; within the minute no page writes the session; an expired
    session signs the person out."""
    from django.contrib.sessions.models import Session

    from jixiao.web.accounts.sessions import RENEWED

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_RENEW_SECONDS == 60
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.SESSION_COOKIE_HTTPONLY
    assert signed_in(sign_in(client, "zhangsan", PASSWORD))
    key = client.session.session_key

    def left() -> timedelta:
        return Session.objects.get(session_key=key).expire_date - timezone.now()

    def idle(minutes: int, renewed_ago: int) -> None:
        """As if the session had last been renewed `renewed_ago` seconds ago and `minutes` were left."""
        session = client.session
        session[RENEWED] = int(time.time()) - renewed_ago
        session.save()
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=minutes))

    assert timedelta(minutes=29) < left() <= timedelta(minutes=30)
    idle(10, renewed_ago=5)
    assert client.get("/tables/").status_code == 200
    assert timedelta(minutes=9) < left() <= timedelta(minutes=10)  # not written within the minute
    idle(10, renewed_ago=61)
    assert client.get("/tables/").status_code == 200
    assert timedelta(minutes=29) < left() <= timedelta(minutes=30)  # renewed
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/tables/")["Location"].startswith("/login/")


def test_passwords_are_hashed_and_checked(django_user_model):
    person = django_user_model.objects.create_user("lisi", password=PASSWORD)
    assert person.password.startswith("pbkdf2_sha256$") and PASSWORD not in person.password
    for weak in ("12345678", "password", "abc"):
        with pytest.raises(ValidationError):
            validate_password(weak, person)
    validate_password(DEMO_PASSWORD)


def test_a_missing_page_is_chinese_and_no_debug_page(client):
    assert not settings.DEBUG
    response = client.get("/没有这个页面/")
    page = response.content.decode("utf-8")
    assert response.status_code == 404 and "页面不存在" in page and 'lang="zh-Hans"' in page
    assert "Page not found" not in page and "URLconf" not in page and "Traceback" not in page


def test_a_server_error_is_chinese():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode("utf-8")
    assert response.status_code == 500 and "服务器出错" in page and "Traceback" not in page


def test_a_forged_form_is_refused_in_chinese(person):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/login/", {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 403 and "页面已过期" in response.content.decode("utf-8")


def test_a_hostile_username_is_escaped(client, person):
    hostile = '"><script>alert(1)</script>'
    page = sign_in(client, hostile, "x").content.decode("utf-8")
    assert "<script>" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def _settings_in(**environ) -> dict:
    """Some settings as a fresh process with this environment sees them."""
    code = ("import json; from jixiao.web import settings as s; "
            "print(json.dumps({k: getattr(s, k, None) for k in ('DEBUG', 'SECURE_SSL_REDIRECT', "
            "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER')}))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")} | environ
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_settings_only_with_jixiao_https():
    plain = _settings_in()
    assert not any((plain["SECURE_SSL_REDIRECT"], plain["SESSION_COOKIE_SECURE"], plain["SECURE_HSTS_SECONDS"]))
    secure = _settings_in(JIXIAO_HTTPS="1")
    assert secure["SECURE_SSL_REDIRECT"] and secure["SESSION_COOKIE_SECURE"] and secure["CSRF_COOKIE_SECURE"]
    assert secure["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert secure["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_debug_only_on_request_and_never_served():
    assert not _settings_in()["DEBUG"]
    assert _settings_in(JIXIAO_DEBUG="1")["DEBUG"]
    assert not _settings_in(JIXIAO_DEBUG="1", JIXIAO_SERVE="1")["DEBUG"]
