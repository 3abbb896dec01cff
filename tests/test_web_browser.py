"""The web application in a real browser (issue 13, point 9): Debian's Chromium, driven by
Playwright, against pytest-django's live server, on a laptop's screen. A demonstration filler
signs in through the login form, sees the home page in Chinese and signs out; a wrong password
is refused in Chinese. Screenshots of both pages go to JIXIAO_SCREENSHOTS (a temporary folder
otherwise) for a person to look at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from jixiao.web.accounts.demo import DEMO_PASSWORD, ensure_demo_organisation, ensure_demo_people

pytestmark = pytest.mark.django_db(transaction=True)  # the live server's thread sees committed rows only

HEADER_BLUE = "rgb(29, 78, 216)"  # the header's colour in static/jixiao/app.css


@pytest.fixture
def demo(transactional_db):
    ensure_demo_people(ensure_demo_organisation())


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("JIXIAO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(demo, live_server, browser_page):
    """The browser page, with every console message kept (a blocked style or script shows there)."""
    browser_page.console = []
    browser_page.on("console", lambda message: browser_page.console.append(message.text))
    return browser_page


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_a_filler_signs_in_sees_the_home_page_and_signs_out(page, live_server, screenshots):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page).to_have_title("登录 · jixiao（绩效）")
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    # The style sheet arrived and applies (a static file, allowed by the Content-Security-Policy).
    expect(page.locator("header")).to_have_css("background-color", HEADER_BLUE)
    page.screenshot(path=screenshots / "login.png")

    sign_in(page, live_server.url, "jiangyin-filler", DEMO_PASSWORD)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", name="你好，周敏")).to_be_visible()
    expect(page.get_by_text("填报人：江阴市科学技术局（机关）")).to_be_visible()
    page.screenshot(path=screenshots / "home.png")

    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto(live_server.url + "/")  # signed out: the home page asks to sign in again
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    assert not [text for text in page.console if "Content Security Policy" in text], page.console


def test_a_wrong_password_is_refused_in_chinese(page, live_server, screenshots):
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "jiangyin-filler", "不是这个密码")
    expect(page.locator(".error")).to_have_text("用户名或密码不正确，请重新输入。")
    expect(page.get_by_label("用户名")).to_have_value("jiangyin-filler")  # kept for the next try
    page.screenshot(path=screenshots / "login-refused.png")
