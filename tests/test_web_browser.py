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


SEED = Path(__file__).resolve().parents[1] / "examples" / "seeds" / "000_291eb2953e7b1f6f.txt"
PROJECT = "江阴市科技镇长团工作经费"


def sign_out(page) -> None:
    page.get_by_role("button", name="退出").click()


def open_table(page, url: str) -> None:
    page.goto(url + "/tables/")
    page.get_by_role("link", name=PROJECT).click()


def row_of(page, indicator: str):
    """The official layout's row of one indicator (its findings sit at its end)."""
    return page.locator("table.official tr").filter(has=page.locator("td", has_text=indicator)).last


def test_the_main_path_of_each_role(page, live_server, screenshots):
    """Filler imports a seed with a preview, fixes a finding in the editor and submits;
    the reviewer returns it with a reason on one indicator; the filler reads the notice,
    fixes and submits again; the reviewer passes, approves and exports; the unit head starts
    an adjustment and the approved version stays readable."""
    from playwright.sync_api import expect

    url = live_server.url
    sign_in(page, url, "jiangyin-filler", DEMO_PASSWORD)
    page.get_by_role("link", name="导入", exact=True).click()
    page.get_by_label("文件").set_input_files(str(SEED))
    page.get_by_role("button", name="读取并预览").click()
    expect(page.get_by_text("从这个文件读到 3 张表")).to_be_visible()
    page.screenshot(path=screenshots / "import-preview.png", full_page=True)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入 3 张表")).to_be_visible()
    page.screenshot(path=screenshots / "list.png")

    page.get_by_role("link", name=PROJECT).click()
    expect(row_of(page, "预算执行率")).to_contain_text("JX404")  # half-year = full-year
    page.screenshot(path=screenshots / "detail.png", full_page=True)
    page.get_by_role("link", name="编辑").click()
    half = page.locator('tr:has(input[data-field="name"][value="预算执行率"]) input[data-field="half_year"]')
    half.fill("大力推进")
    expect(half.locator("xpath=..").locator(".verdict")).to_contain_text("无法识别")
    half.fill("≥50%")
    expect(half.locator("xpath=..").locator(".verdict")).to_have_text("数量指标：≥50%")
    page.screenshot(path=screenshots / "editor.png")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(row_of(page, "预算执行率")).not_to_contain_text("JX404")
    expect(row_of(page, "预算执行率")).to_contain_text("≥50%")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".status")).to_have_text("已提交")
    sign_out(page)

    sign_in(page, url, "jiangyin-reviewer", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("待审队列")).first.click()
    page.screenshot(path=screenshots / "queue.png")
    page.get_by_role("link", name=PROJECT).click()
    page.locator('select[name="reason_indicator"]').first.select_option("举行科技沙龙")
    page.locator('input[name="reason_text"]').first.fill("全年12场与上年持平，请说明为何不提高")
    page.get_by_role("button", name="再写一个指标").click()
    page.get_by_role("button", name="再写一个指标").click()
    expect(page.locator(".return-form .reason-row")).to_have_count(4)
    page.locator('select[name="reason_indicator"]').last.select_option("高峰论坛")
    page.locator('input[name="reason_text"]').last.fill("高峰论坛是数量，不是质量")
    page.screenshot(path=screenshots / "return.png")
    page.get_by_role("button", name="退回").click()
    expect(page.locator(".status")).to_have_text("退回")
    sign_out(page)

    sign_in(page, url, "jiangyin-filler", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("通知")).click()
    page.screenshot(path=screenshots / "notifications.png")
    page.get_by_role("link", name=re.compile("退回了")).first.click()
    expect(page.locator(".comment.return-reason")).to_have_count(2)
    expect(row_of(page, "高峰论坛")).to_contain_text("高峰论坛是数量，不是质量")  # beside its indicator
    page.get_by_role("link", name="编辑").click()
    page.locator('tr:has(input[data-field="name"][value="举行科技沙龙"]) input[data-field="full_year"]').fill("≥15场")
    page.get_by_role("button", name="保存").click()
    expect(row_of(page, "举行科技沙龙")).to_contain_text("≥15场")
    page.get_by_role("button", name="提交").click()
    sign_out(page)

    sign_in(page, url, "jiangyin-reviewer", DEMO_PASSWORD)
    open_table(page, url)
    page.get_by_role("button", name="审核通过").click()
    page.get_by_role("button", name="批复").click()
    expect(page.locator(".status")).to_have_text("已批复")
    page.locator("summary", has_text="导出").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel（.xlsx）").click()
    assert download.value.suggested_filename == f"{PROJECT}.xlsx"
    exported = screenshots / "exported.xlsx"
    download.value.save_as(exported)
    page.get_by_role("link", name="修改记录").click()
    page.screenshot(path=screenshots / "history.png", full_page=True)
    sign_out(page)

    sign_in(page, url, "jiangyin-head", DEMO_PASSWORD)
    open_table(page, url)
    page.get_by_role("button", name="发起调整").click()
    expect(page.locator(".status")).to_have_text("草稿（调整中）")
    page.get_by_role("link", name=re.compile("第 1 次批复")).click()
    expect(row_of(page, "举行科技沙龙")).to_contain_text("≥15场")
    sign_out(page)

    from jixiao.api import parse_file

    back = parse_file(str(exported))[0]  # the export reads back with the approved values
    assert back.project == PROJECT
    assert {i.name: i.full_year.raw for i in back.indicators}["举行科技沙龙"] == "≥15场"


def test_bulk_import_shows_its_progress(page, live_server, screenshots, tmp_path):
    from playwright.sync_api import expect

    broken = tmp_path / "损坏的表.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    seeds = sorted((SEED.parent).glob("00[34]_*.txt"))
    sign_in(page, live_server.url, "changzhou-filler", DEMO_PASSWORD)
    page.get_by_role("link", name="批量导入").click()
    page.locator("#files").set_input_files([str(p) for p in seeds] + [str(broken)])
    page.get_by_role("button", name="开始导入").click()
    expect(page.locator("#bulk-status")).to_contain_text("完成：3 个文件，导入 13 张表，1 个文件未能导入", timeout=30000)
    expect(page.locator("progress")).to_have_attribute("value", "3")
    expect(page.locator("#bulk-results li.error")).to_contain_text("损坏的表.xlsx：")
    page.screenshot(path=screenshots / "bulk.png")
    page.goto(live_server.url + "/tables/")
    expect(page.get_by_text("共 13 张表")).to_be_visible()
