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
    page.route("**/tables/check-target/**", lambda route: route.abort())  # the server does not answer
    half.fill("≥40%")
    expect(half.locator("xpath=..").locator(".verdict")).to_have_text("暂时无法检查（服务器未应答），保存时仍会检查")
    page.unroute("**/tables/check-target/**")
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
    salon = page.locator('tr:has(input[data-field="name"][value="举行科技沙龙"]) input[data-field="full_year"]')
    salon.fill("≥15场")
    expect(salon.locator("xpath=..").locator(".verdict")).to_contain_text("≥15场")  # the check has answered
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


TASKS = Path(__file__).resolve().parent / "fixtures" / "layouts" / "19_department_tasks.txt"


def test_a_department_tables_annual_tasks_are_edited_in_the_browser(page, live_server, screenshots):
    """A department table's 年度主要任务 show in the official layout; in the editor a task's
    amount is changed and a task added with the section's own button, and the saved table
    shows both."""
    from playwright.sync_api import expect

    sign_in(page, live_server.url, "jiangyin-filler", DEMO_PASSWORD)
    page.get_by_role("link", name="导入", exact=True).click()
    page.get_by_label("文件").set_input_files(str(TASKS))
    page.get_by_role("button", name="读取并预览").click()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入 1 张表")).to_be_visible()  # one table: its page opens
    expect(page.get_by_role("heading", name="西安市审计局部门整体支出")).to_be_visible()
    tasks = page.locator("table.official tr").filter(has=page.locator("td", has_text="审计专项补助经费"))
    expect(tasks).to_contain_text("198.18")
    page.get_by_role("link", name="编辑").click()
    section = page.locator('[data-rows="tasks"]')
    section.locator('tr:has(input[value="审计专项补助经费"]) input[data-field="other_wan"]').fill("200")
    page.get_by_role("button", name="添加任务").click()
    added = section.locator("tbody tr").last
    expect(added.locator('[data-field="name"]')).to_be_focused()
    added.locator('[data-field="name"]').fill("审计信息化建设")
    added.locator('[data-field="amount_wan"]').fill("50")
    page.screenshot(path=screenshots / "editor-tasks.png", full_page=True)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(page.locator("table.official tr").filter(has=page.locator("td", has_text="审计信息化建设"))).to_contain_text("50")
    expect(tasks).to_contain_text("200")
    page.screenshot(path=screenshots / "detail-tasks.png", full_page=True)
    no_csp_errors(page)


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


# ---- monitoring and self-evaluation (issue 14, point 6) ---------------------------------------

MONITORED = "江阴市科技创新专项资金（2025）"
MID_YEAR = {  # at the end of June: green, yellow, red, blue, green, green
    "新增科技型企业数": "400家", "实施重点产学研项目": "18家", "技术合同成交额": "15亿元",
    "高新技术产业产值": "1690亿元", "扶持对象补贴发放及时率": "100%", "受扶持对象满意度": "达成年度指标",
}
YEAR_END = {  # see tests/test_web_monitoring.py: 683/7 = 97.57, 优
    "新增科技型企业数": "1200家", "科技型中小企业评价入库": "2400家", "高新技术企业申报数": "520家",
    "新增高新技术企业数": "200家", "新增市级以上研发机构": "60家", "实施重点产学研项目": "100家",
    "扶持对象补贴发放及时率": "100%", "技术合同成交额": "100亿元", "科技创新氛围浓厚": "达成年度指标",
    "高新技术产业产值": "2700亿元", "受扶持对象满意度": "满意",
}


@pytest.fixture
def second_unit(demo, django_user_model):
    """Another unit of the Jiangyin bureau with two approved tables and their mid-year values
    (green, yellow), made before the browser opens, for the dashboard to count."""
    from jixiao.api import parse_file
    from jixiao.web.accounts.models import Membership, Role, Unit
    from jixiao.web.monitoring import store
    from jixiao.web.tables import store as table_store

    reviewer = django_user_model.objects.get(username="jiangyin-reviewer")
    authority = Membership.objects.get(user=reviewer).bureau.authorities.get()
    unit = Unit.objects.create(name="江阴市科技情报研究所", authority=authority)
    filler = django_user_model.objects.create_user("qingbao-filler", first_name="顾晓")
    Membership.objects.create(user=filler, role=Role.FILLER, unit=unit)
    seeds = [t for t in parse_file(str(SEED)) if t.project != MONITORED]
    tables = table_store.create_tables(filler, unit, seeds, SEED.name)
    values = {  # at the end of June
        "江阴市科技镇长团工作经费": ({"举行科技沙龙": "5场", "各类产学研对接活动": "3场"}, "62.6"),  # green
        "国际人才市场江阴市场": ({"当年完成": "部分达成年度指标并具有一定效果"}, "43"),  # yellow
    }
    for table in tables:
        for user, step in ((filler, "submit"), (reviewer, "review"), (reviewer, "approve")):
            table_store.take_step(user, table, step)
        if table.name in values:
            given, spent = values[table.name]
            parsed = store.monitored(table)
            names = {i.name: n for n, i in enumerate(parsed.indicators)}
            change = store.checkpoint_change(parsed, 6, [store.EntryIn(names[k], v) for k, v in given.items()],
                                             [store.SpendingIn("", spent)], replace=False)
            store.apply(filler, table, change, "测试数据")
    return unit


def value_input(page, indicator: str):
    return page.get_by_label(f"“{indicator}”的实际完成值", exact=True)


def fill_checked(page, values) -> None:
    """Type each value and wait for the live check's reading before the next: under the test
    server, SQLite's one in-memory connection is shared by the server's threads, so checks sent
    together, or one still running when the form is sent, would meet each other."""
    from playwright.sync_api import expect

    for name, value in values.items():
        value_input(page, name).fill(value)
        verdict = value_input(page, name).locator("xpath=..").locator(".verdict")
        expect(verdict).to_have_text(re.compile(r"^(读作|定性)"))


def no_csp_errors(page) -> None:
    blocked = [text for text in page.console if "Content Security Policy" in text or "Refused to" in text]
    assert not blocked, blocked


def test_a_table_through_mid_year_monitoring_to_the_year_end_score(second_unit, page, live_server, screenshots):
    """A seed table imported and submitted by the filler, approved by the reviewer; the filler
    enters mid-year values (a wrong unit refused as typed), the monitoring view shows the colours
    and draws the charts under the Content-Security-Policy; year-end values give the score and
    grade; the reviewer sees the bureau's dashboard."""
    from playwright.sync_api import expect

    url = live_server.url
    sign_in(page, url, "jiangyin-filler", DEMO_PASSWORD)
    page.get_by_role("link", name="导入", exact=True).click()
    page.get_by_label("文件").set_input_files(str(SEED))
    page.get_by_role("button", name="读取并预览").click()
    page.get_by_role("button", name="确认导入").click()
    page.get_by_role("link", name=MONITORED).click()
    expect(page.get_by_role("link", name="监控", exact=True)).to_have_count(0)  # not approved yet
    page.get_by_role("button", name="提交").click()
    sign_out(page)

    sign_in(page, url, "jiangyin-reviewer", DEMO_PASSWORD)
    page.goto(url + "/tables/")
    page.get_by_role("link", name=MONITORED).click()
    page.get_by_role("button", name="审核通过").click()
    page.get_by_role("button", name="批复").click()
    expect(page.locator(".status")).to_have_text("已批复")
    sign_out(page)

    sign_in(page, url, "jiangyin-filler", DEMO_PASSWORD)
    page.goto(url + "/tables/")
    page.get_by_role("link", name=MONITORED).click()
    page.get_by_role("link", name="实际完成值", exact=True).click()
    expect(page.get_by_role("heading", name="截至 6 月底的实际完成值（年中监控）")).to_be_visible()
    first = value_input(page, "新增科技型企业数")
    first.fill("85%")  # checked as typed, with the file import's message
    verdict = first.locator("xpath=..").locator(".verdict")
    expect(verdict).to_have_text("实际完成值“85%”：单位“%”与指标值“≥1500家”的单位“家”不符；应填写以“家”计的数值")
    expect(first).to_have_class(re.compile(r"\bbad\b"))
    page.locator("#indicator-" + first.get_attribute("data-index")).screenshot(path=screenshots / "actuals-check.png")
    fill_checked(page, MID_YEAR)
    expect(verdict).to_have_text("读作 400家")
    row = page.locator("#indicator-" + str(_index(page, "实施重点产学研项目")))
    row.get_by_label("经费保障").check()
    row.get_by_label("“实施重点产学研项目”的偏差原因说明").fill("部分项目申报推迟到下半年")
    row.get_by_label("“实施重点产学研项目”的完成可能性").select_option("有可能")
    page.get_by_label("“合计”截至 6 月底的累计支出").fill("3052.5")
    page.screenshot(path=screenshots / "actuals.png", full_page=True)
    page.get_by_role("button", name="保存 6 月的实际完成值").click()
    expect(page.get_by_text("已保存 6 月的实际完成值")).to_be_visible()

    page.get_by_role("link", name="查看监控").click()
    expect(page.locator(".colour-box .big")).to_have_text("红")
    expect(page.locator("table.monitor tr", has_text="新增科技型企业数").locator(".chip")).to_have_text("绿")
    expect(page.locator("table.monitor tr", has_text="实施重点产学研项目").locator(".chip")).to_have_text("黄")
    expect(page.locator("table.monitor tr", has_text="技术合同成交额").locator(".chip")).to_have_text("红")
    expect(page.locator("table.monitor tr", has_text="高新技术产业产值").locator(".chip")).to_have_text("蓝")
    chart = page.locator('.chart[data-drawn="1"]').first
    expect(chart.locator("canvas")).to_have_count(1)
    assert page.locator('.chart[data-drawn="1"]').count() == page.locator(".chart").count() >= 9
    page.screenshot(path=screenshots / "monitoring.png", full_page=True)
    figure = page.locator("#chart-" + str(_index(page, "新增科技型企业数")))
    figure.scroll_into_view_if_needed()
    figure.locator("canvas").hover(position={"x": 300, "y": 120})  # the tooltip, drawn on the canvas
    figure.screenshot(path=screenshots / "chart.png")
    no_csp_errors(page)

    page.get_by_role("link", name="实际完成值", exact=True).click()
    page.locator(".months").get_by_role("link", name="12 月（全年）").click()
    expect(page.get_by_role("heading", name="截至 12 月底的实际完成值（全年，用于自评）")).to_be_visible()
    fill_checked(page, YEAR_END)
    page.get_by_label("“合计”截至 12 月底的累计支出").fill("9157.5")
    page.get_by_role("button", name="保存 12 月的实际完成值").click()
    expect(page.get_by_text("已保存 12 月的实际完成值")).to_be_visible()
    page.get_by_role("link", name="自评", exact=True).click()
    expect(page.locator(".score .big")).to_have_text("97.57")
    expect(page.get_by_text("自评总分 · 优")).to_be_visible()
    page.screenshot(path=screenshots / "evaluation.png", full_page=True)
    no_csp_errors(page)
    sign_out(page)

    sign_in(page, url, "jiangyin-reviewer", DEMO_PASSWORD)
    page.get_by_role("link", name="监控总览").click()
    expect(page.get_by_role("heading", name="监控总览：江阴市财政局")).to_be_visible()
    unit_row = page.locator("table.dashboard tbody tr", has_text="江阴市科学技术局（机关）")
    expect(unit_row.locator("td.number").last).to_have_text("1")  # one approved table
    page.get_by_label("截至月份").select_option("6")
    page.get_by_role("button", name="查看").click()
    expect(unit_row.locator("td.has-red")).to_have_text("1")
    other_row = page.locator("table.dashboard tbody tr", has_text="江阴市科技情报研究所")
    expect(other_row.locator("td.has-green")).to_have_text("1")
    expect(other_row.locator("td.has-yellow")).to_have_text("1")
    expect(other_row.locator("td.number").last).to_have_text("2")
    unit_row.locator("summary").click()
    other_row.locator("summary").click()
    page.screenshot(path=screenshots / "dashboard.png", full_page=True)
    page.get_by_role("link", name="江阴市财政局的监控与自评设置").click()
    expect(page.get_by_label("设置（TOML 或 JSON）")).to_contain_text("budget_red_below = 60")
    page.get_by_label("设置（TOML 或 JSON）").fill("[monitoring]\nbudget_red_below = 90\n")
    page.get_by_role("button", name="保存设置").click()
    expect(page.get_by_role("alert")).to_contain_text("budget_red_below 不能大于 budget_yellow_below")
    page.screenshot(path=screenshots / "settings.png")
    page.get_by_role("link", name="返回监控总览").click()
    page.locator("table.dashboard tbody tr", has_text="江阴市科学技术局（机关）").locator("summary").click()
    page.get_by_role("link", name=MONITORED).click()
    expect(page.locator(".colour-box .big")).to_have_text("红")
    no_csp_errors(page)


def _index(page, indicator: str) -> int:
    return int(value_input(page, indicator).get_attribute("data-index")) if value_input(page, indicator).count() \
        else int(page.locator("table.monitor tr", has_text=indicator).locator("a").first.get_attribute("href").split("-")[-1])
