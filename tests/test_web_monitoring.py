"""Monitoring and self-evaluation in the web application (issue 14, point 6), through Django's
test client on a real database: actual values entered per checkpoint and checked against their
targets as the file import checks them, the file import itself, the history, the monitoring
colours (the core's, for the same values), the self-evaluation score and grade worked out by
hand, the dashboard's counts, a bureau's settings, hostile text, and the refusal of a
department-wide table without the bureau's weights."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao import actuals as core
from jixiao import evaluation, monitoring
from jixiao.api import parse_file
from jixiao.config import DEFAULTS, from_mapping
from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit
from jixiao.web.monitoring import store
from jixiao.web.monitoring.models import ActualValue, Budget, Spending, Weight
from jixiao.web.tables import store as table_store
from jixiao.web.tables.models import Event, Status, Table

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
JIANGYIN = ROOT / "examples" / "seeds" / "000_291eb2953e7b1f6f.txt"
DEPARTMENT = ROOT / "examples" / "seeds" / "001_8245ad42a00bd088.txt"
PROJECT = "江阴市科技创新专项资金（2025）"
D = Decimal


@pytest.fixture
def people(django_user_model):
    bureau = FinanceBureau.objects.create(name="江阴市财政局")
    unit = Unit.objects.create(name="江阴市科学技术局（机关）",
                               authority=Authority.objects.create(name="江阴市科学技术局", bureau=bureau))
    found = {"bureau": bureau, "unit": unit}
    names = {Role.FILLER: "张填报", Role.HEAD: "李负责", Role.REVIEWER: "王审核", Role.ADMIN: "赵管理"}
    for role, where in ((Role.FILLER, {"unit": unit}), (Role.HEAD, {"unit": unit}), (Role.REVIEWER, {"bureau": bureau}),
                        (Role.ADMIN, {})):
        user = django_user_model.objects.create_user(role, first_name=names[role])
        Membership.objects.create(user=user, role=role, **where)
        client = Client()
        client.force_login(user)
        found[role] = client
        found[f"{role}-user"] = user
    return found


def approved(people, path: Path = JIANGYIN, name: str = PROJECT) -> Table:
    """A seed table imported by the filler, submitted, passed and approved by the reviewer."""
    tables = table_store.create_tables(people["filler-user"], people["unit"], parse_file(str(path)), path.name)
    table = next(t for t in tables if t.name == name)
    table_store.take_step(people["filler-user"], table, "submit")
    table_store.take_step(people["reviewer-user"], table, "review")
    table_store.take_step(people["reviewer-user"], table, "approve")
    table.refresh_from_db()
    assert table.status == Status.APPROVED
    return table


def index_of(table: Table) -> dict[str, int]:
    return {i.name: n for n, i in enumerate(store.monitored(table).indicators)}


def form(table: Table, values: dict[str, str | dict], spent: str = "", budget: str | None = None) -> dict:
    """The checkpoint page's form: {indicator name: value or {value, causes, cause_text, likelihood}}."""
    places = index_of(table)
    data: dict = {"spent-0": spent}
    if budget is not None:
        data["budget-0"] = budget
    for name, given in values.items():
        given = {"value": given} if isinstance(given, str) else given
        n = places[name]
        data[f"value-{n}"] = given["value"]
        for key in ("cause_text", "likelihood", "weight"):
            if key in given:
                data[f"{key}-{n}"] = given[key]
        if "causes" in given:
            data[f"causes-{n}"] = given["causes"]
    return data


def enter(client: Client, table: Table, month: int, values: dict, spent: str = "", **more):
    return client.post(reverse("actuals", args=[table.pk, month]), form(table, values, spent, **more))


MIDYEAR = {  # the 科技创新专项 at the end of June
    "新增科技型企业数": {"value": "400家"},  # due 500 (half-year): 80% → green
    "实施重点产学研项目": {"value": "18家", "causes": ["经费保障", "其他"], "cause_text": "项目申报推迟",
                   "likelihood": "有可能"},  # due 30: 60% → yellow
    "技术合同成交额": {"value": "15亿元", "causes": ["制度保障"], "likelihood": "有可能"},  # due 30: 50% → red
    "高新技术产业产值": {"value": "1,690亿元"},  # due 1300: 130% → blue
    "扶持对象补贴发放及时率": {"value": "100%"},  # due 100 (half-year): green
    "受扶持对象满意度": {"value": "达成年度指标"},  # green
}


# ---- entering values --------------------------------------------------------------------------

def test_the_filler_enters_mid_year_values_and_they_are_stored_with_the_history(people):
    table = approved(people)
    page = people[Role.FILLER].get(reverse("actuals", args=[table.pk, 6]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "截至 6 月底的实际完成值" in text and "新增科技型企业数" in text and "≥500家" in text
    response = enter(people[Role.FILLER], table, 6, MIDYEAR, spent="3052.5")
    assert response.status_code == 302, response.content.decode()[:2000]
    places = index_of(table)
    row = ActualValue.objects.get(table=table, indicator=places["实施重点产学研项目"], month=6)
    assert (row.value, row.causes, row.cause_text, row.likelihood) == ("18家", ["经费保障", "其他"], "项目申报推迟", "有可能")
    assert row.name == "实施重点产学研项目" and row.entered_by == people["filler-user"]
    assert ActualValue.objects.filter(table=table).count() == 6
    assert Spending.objects.get(table=table, source="", month=6).spent_wan == D("3052.5")
    event = Event.objects.filter(table=table).last()
    assert event.user == people["filler-user"] and "实际完成值" in event.note
    assert {"place": "指标“新增科技型企业数” 6 月实际完成值", "before": "", "after": "400家"} in event.changes
    assert {"place": "“合计” 6 月累计支出", "before": "", "after": "3052.5 万元"} in event.changes
    # the history page of the table shows it, for the reviewer too
    history = people[Role.REVIEWER].get(reverse("table-history", args=[table.pk])).content.decode()
    assert "新增科技型企业数” 6 月实际完成值" in history and "张填报" in history and "项目申报推迟" in history


def test_a_change_records_before_and_after_and_a_same_save_records_nothing(people):
    table = approved(people)
    enter(people[Role.FILLER], table, 6, {"新增科技型企业数": "400家"})
    events = Event.objects.filter(table=table).count()
    enter(people[Role.HEAD], table, 6, {"新增科技型企业数": "400家"})  # the same: no entry
    assert Event.objects.filter(table=table).count() == events
    enter(people[Role.HEAD], table, 6, {"新增科技型企业数": "450家"})
    event = Event.objects.filter(table=table).last()
    assert event.user == people["head-user"]
    assert event.changes == [{"place": "指标“新增科技型企业数” 6 月实际完成值", "before": "400家", "after": "450家"}]
    enter(people[Role.HEAD], table, 6, {})  # emptied: removed, and said so
    assert not ActualValue.objects.filter(table=table).exists()
    assert Event.objects.filter(table=table).last().changes == [
        {"place": "指标“新增科技型企业数” 6 月实际完成值", "before": "450家", "after": ""}]


@pytest.mark.parametrize("value, said", [
    ("85%", "实际完成值“85%”：单位“%”与指标值“≥1500家”的单位“家”不符；应填写以“家”计的数值"),
    ("≥400家", "实际完成值“≥400家”：实际完成值应为一个数值，不带“≥”"),
    ("很多", "实际完成值“很多”：应填写以“家”计的数值（指标值为“≥1500家”）"),
])
def test_a_value_of_the_wrong_unit_or_kind_is_refused_with_the_import_message_and_nothing_is_saved(people, value, said):
    table = approved(people)
    events = Event.objects.count()
    response = enter(people[Role.FILLER], table, 6, {"新增科技型企业数": value, "技术合同成交额": "15亿元"}, spent="100")
    assert response.status_code == 200
    page = response.content.decode()
    assert "未能保存" in page and said in page
    assert f'value="{value}"' in page.replace("&gt;", ">").replace("&lt;", "<")  # the person's input stays
    assert not ActualValue.objects.exists() and not Spending.objects.exists()
    assert Event.objects.count() == events


def test_the_live_check_says_what_the_file_import_says(people, tmp_path):
    table = approved(people)
    n = index_of(table)["新增科技型企业数"]
    check = reverse("actuals-check", args=[table.pk])
    answer = people[Role.FILLER].get(check, {"index": n, "value": "85%"}).json()
    assert answer == {"ok": False, "message": "实际完成值“85%”：单位“%”与指标值“≥1500家”的单位“家”不符；应填写以“家”计的数值"}
    assert people[Role.FILLER].get(check, {"index": n, "value": "0.15万家"}).json() == {"ok": True, "message": "读作 1500家"}
    qualitative = index_of(table)["受扶持对象满意度"]
    assert people[Role.REVIEWER].get(check, {"index": qualitative, "value": "满意"}).json()["message"] == "定性：达成年度指标"
    # the same words as `jixiao monitor --actuals` on a file with that value
    path = tmp_path / "实际.csv"
    path.write_text("三级指标,月份,实际完成值\n新增科技型企业数,6,85%\n", encoding="utf-8")
    with pytest.raises(core.ActualsError) as error:
        core.read(str(path), store.monitored(table))
    assert error.value.problems == ["第 2 行，指标“新增科技型企业数”：" + answer["message"]]


def test_causes_without_a_value_and_bad_amounts_are_refused(people):
    table = approved(people)
    response = enter(people[Role.FILLER], table, 6, {"新增科技型企业数": {"value": "", "likelihood": "有可能"}}, spent="三千")
    page = response.content.decode()
    assert "填写了偏差原因或完成可能性，却没有实际完成值" in page
    assert "累计支出应为以万元计的数字，而不是“三千”" in page
    assert not ActualValue.objects.exists() and not Spending.objects.exists()


def test_only_the_unit_enters_values_and_only_on_an_approved_table(people):
    table = approved(people)
    for role in (Role.REVIEWER, Role.ADMIN):
        assert enter(people[role], table, 6, {"新增科技型企业数": "400家"}).status_code == 403
        page = people[role].get(reverse("actuals", args=[table.pk, 6])).content.decode()
        assert "只读：只有本单位的填报人或单位负责人可以填报实际完成值" in page and "<fieldset disabled>" in page
    table_store.take_step(people["head-user"], table, "adjust")  # an adjustment: values readable, not entered
    response = enter(people[Role.FILLER], table, 6, {"新增科技型企业数": "400家"})
    assert response.status_code == 403
    assert "调整期间不能填报" in people[Role.FILLER].get(reverse("actuals", args=[table.pk, 6])).content.decode()
    assert not ActualValue.objects.exists()
    draft = Table.objects.exclude(pk=table.pk).first()  # never approved
    page = people[Role.FILLER].get(reverse("monitoring", args=[draft.pk])).content.decode()
    assert "这张表尚未批复" in page


# ---- the file --------------------------------------------------------------------------------

def actuals_csv(rows: list[list[str]], spending: list[list[str]] = ()) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(core.INDICATOR_COLUMNS)
    writer.writerows(rows)
    writer.writerow([])
    writer.writerow(core.SPENDING_COLUMNS)
    writer.writerows(spending)
    return out.getvalue().encode("utf-8-sig")


def row(name: str, month: str, value: str, cause: str = "", text: str = "", likely: str = "", weight: str = "") -> list[str]:
    return ["", "", name, "", "", weight, month, value, cause, text, likely]


def upload(client: Client, table: Table, data: bytes, name: str = "实际完成值.csv", month: int = 6):
    return client.post(reverse("actuals-import", args=[table.pk]),
                       {"file": SimpleUploadedFile(name, data), "month": month})


def test_the_template_downloads_and_the_filled_file_imports(people):
    table = approved(people)
    for fmt in ("xlsx", "csv"):
        response = people[Role.REVIEWER].get(reverse("actuals-template", args=[table.pk, fmt]))
        assert response.status_code == 200
        assert quote(f"{PROJECT}-实际完成值.{fmt}") in response["Content-Disposition"]
    template = b"".join(people[Role.FILLER].get(reverse("actuals-template", args=[table.pk, "csv"])).streaming_content)
    lines = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    filled = []
    for line in lines:  # the unit fills in the template as the command line wrote it
        if len(line) == 11 and line[2] == "新增科技型企业数" and line[6] == "6":
            line[7], line[8], line[10] = "400家", "经费保障", "有可能"
        if len(line) == 11 and line[2] == "新增科技型企业数" and line[6] == "12":
            line[5], line[7] = "10", "1600家"
        if line[:1] == ["合计"] and line[2] == "6":
            line[3] = "3052.5"
        filled.append(line)
    out = io.StringIO()
    csv.writer(out).writerows(filled)
    response = upload(people[Role.FILLER], table, out.getvalue().encode("utf-8-sig"))
    assert response.status_code == 302
    n = index_of(table)["新增科技型企业数"]
    assert ActualValue.objects.get(table=table, indicator=n, month=6).causes == ["经费保障"]
    assert ActualValue.objects.get(table=table, indicator=n, month=12).value == "1600家"
    assert Weight.objects.get(table=table, indicator=n).weight == 10
    assert Spending.objects.get(table=table, month=6).spent_wan == D("3052.5")
    assert Budget.objects.get(table=table, source="").budget_wan == 10175  # the total row states the budget
    event = Event.objects.filter(table=table).last()
    assert event.note == "导入实际完成值文件“实际完成值.csv”" and event.user == people["filler-user"]
    page = people[Role.FILLER].get(response["Location"]).content.decode()
    assert "已从“实际完成值.csv”导入" in page


def test_a_file_with_problems_lists_each_with_its_row_and_imports_nothing(people):
    table = approved(people)
    enter(people[Role.FILLER], table, 6, {"新增科技型企业数": "400家"})
    before = list(ActualValue.objects.values_list("value", flat=True))
    data = actuals_csv([row("新增科技型企业数", "6", "85%"), row("实施重点产学研项目", "6", "18家"),
                        row("不存在的指标", "6", "3个"), row("技术合同成交额", "13", "15亿元"),
                        row("受扶持对象满意度", "6", "达成年度指标", cause="天气")],
                       [["合计", "10175", "6", "很多"]])
    response = upload(people[Role.FILLER], table, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "有 5 处问题，没有导入任何内容" in page
    for said in ("第 2 行，指标“新增科技型企业数”：实际完成值“85%”：单位“%”与指标值“≥1500家”的单位“家”不符",
                 "第 4 行，指标“不存在的指标”：绩效目标表中没有这个三级指标",
                 "第 5 行，指标“技术合同成交额”：月份应为 1 到 12 之间的整数",
                 "第 6 行，指标“受扶持对象满意度”：偏差原因类别应为",
                 "第 9 行：累计支出应为以万元计的数字，而不是“很多”"):
        assert said in page, said
    assert list(ActualValue.objects.values_list("value", flat=True)) == before  # nothing changed
    assert not Spending.objects.exists()


@pytest.mark.parametrize("name, data, said", [
    ("坏.xlsx", b"PK\x03\x04 not a workbook", "坏.xlsx：Excel 文件已损坏或无法读取"),
    ("空.csv", b"", "空.csv：文件为空"),
    ("图.csv", "\x00\x01二进制".encode("utf-16"), "图.csv："),
])
def test_an_unreadable_file_is_refused_with_its_reason(people, name, data, said):
    table = approved(people)
    response = upload(people[Role.FILLER], table, data, name)
    assert response.status_code == 302
    page = people[Role.FILLER].get(response["Location"]).content.decode()
    assert said in page and "没有导入任何内容" in page
    assert not ActualValue.objects.exists()


def test_a_file_over_the_size_limit_is_refused(people, monkeypatch):
    table = approved(people)
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "1")
    response = upload(people[Role.FILLER], table, b"x" * (1024 * 1024 + 10))
    page = people[Role.FILLER].get(response["Location"]).content.decode()
    assert "超过上限 1 MB" in page and not ActualValue.objects.exists()


def test_a_reviewer_cannot_import(people):
    table = approved(people)
    assert upload(people[Role.REVIEWER], table, actuals_csv([row("新增科技型企业数", "6", "400家")])).status_code == 403
    assert not ActualValue.objects.exists()


# ---- monitoring ------------------------------------------------------------------------------

def core_result(table: Table, tmp_path: Path, month: int, settings=DEFAULTS) -> monitoring.MonitoringResult:
    """The command line's result for the same values, written as the file a unit fills in."""
    rows = []
    for name, given in MIDYEAR.items():
        rows.append(row(name, "6", given["value"], "、".join(given.get("causes", ())), given.get("cause_text", ""),
                        given.get("likelihood", "")))
    path = tmp_path / "实际.csv"
    path.write_bytes(actuals_csv(rows, [["合计", "", "6", "3052.5"]]))
    parsed = store.monitored(table)
    return monitoring.monitor(parsed, core.read(str(path), parsed), month, settings)


def test_monitoring_at_month_6_gives_the_core_colours(people, tmp_path):
    table = approved(people)
    enter(people[Role.FILLER], table, 6, MIDYEAR, spent="3052.5")
    response = people[Role.REVIEWER].get(reverse("monitoring", args=[table.pk]), {"month": 6})
    assert response.status_code == 200
    seen = response.context["result"]
    expected = core_result(table, tmp_path, 6)
    assert seen.to_json()["indicators"] == expected.to_json()["indicators"]
    assert seen.budget.to_json() == expected.budget.to_json()
    colours = {s.indicator.name: s.colour for s in seen.indicators if s.observation}
    # worked by hand: 400 ÷ 500 = 80% green; 18 ÷ 30 = 60% yellow; 15 ÷ 30 = 50% red;
    # 1690 ÷ 1300 = 130% blue; 100% ÷ 100% green; 达成 green
    assert colours == {"新增科技型企业数": "green", "实施重点产学研项目": "yellow", "技术合同成交额": "red",
                       "高新技术产业产值": "blue", "扶持对象补贴发放及时率": "green", "受扶持对象满意度": "green"}
    # budget: 3052.5 ÷ 10175 = 30%, due 6/12 = 50%: 30 ÷ 50 × 100 = 60 → yellow
    assert seen.budget.rate == 30 and seen.budget.ratio == 60 and seen.budget.colour == "yellow"
    assert seen.colour == "red"  # the worst
    page = response.content.decode()
    assert '<span class="big">红</span>' in page and "截至 6 月底 · 整表" in page
    assert 'id="chart-data" type="application/json"' in page and "vendor/echarts.min.js" in page
    charts = json.loads(page.split('id="chart-data" type="application/json">')[1].split("</script>")[0])
    chart = next(c for c in charts if c["name"] == "新增科技型企业数")
    # the target line: 500 at June (half-year), from 0 in straight steps, then on to 1500 in December
    assert chart["target"][5] == 500 and chart["target"][11] == 1500 and chart["target"][2] == 250
    assert chart["target"][8] == 1000 and chart["actual"] == [[6, 400]] and chart["unit"] == "家"
    assert all(c["name"] != "受扶持对象满意度" for c in charts)  # qualitative: listed, not drawn
    assert "受扶持对象满意度</b>（全年：满意）：6 月：达成年度指标" in page


def test_the_bureau_settings_change_a_colour_threshold(people, tmp_path):
    table = approved(people)
    enter(people[Role.FILLER], table, 6, MIDYEAR, spent="3052.5")
    address = reverse("bureau-settings", args=[people["bureau"].pk])
    page = people[Role.REVIEWER].get(address).content.decode()
    assert "budget_red_below = 60" in page  # example_toml() is the starting text
    refused = people[Role.REVIEWER].post(address, {"text": "[monitoring]\nbudget_red_below = 90\nbudget_yellow_below = 80\n"})
    assert "设置有误，没有保存" in refused.content.decode()
    assert "budget_red_below 不能大于 budget_yellow_below" in refused.content.decode()
    assert "budget_red_below = 90" in refused.content.decode()  # the text stays for correcting
    people["bureau"].refresh_from_db()
    assert people["bureau"].monitoring_settings == {}
    # The budget ratio is 60: yellow under the defaults, green once yellow stops at 55.
    text = "[monitoring]\nbudget_red_below = 50\nbudget_yellow_below = 55\nindicator_blue_from = 140\n"
    assert people[Role.REVIEWER].post(address, {"text": text}).status_code == 302
    people["bureau"].refresh_from_db()
    assert people["bureau"].monitoring_settings == {"monitoring": {"budget_red_below": 50, "budget_yellow_below": 55,
                                                                   "indicator_blue_from": 140}}
    assert people["bureau"].settings_changed_by == people["reviewer-user"]
    seen = people[Role.FILLER].get(reverse("monitoring", args=[table.pk]), {"month": 6}).context["result"]
    assert seen.budget.colour == "green"
    colours = {s.indicator.name: s.colour for s in seen.indicators}
    assert colours["高新技术产业产值"] == "green"  # 130 < 140: no longer blue
    settings = from_mapping({"monitoring": {"budget_red_below": 50, "budget_yellow_below": 55, "indicator_blue_from": 140}})
    assert seen.to_json()["indicators"] == core_result(table, tmp_path, 6, settings).to_json()["indicators"]
    # JSON works too; an empty text goes back to the defaults
    assert people[Role.ADMIN].post(address, {"text": '{"monitoring": {"budget_yellow_below": 70}}'}).status_code == 302
    people["bureau"].refresh_from_db()
    assert people["bureau"].monitoring_settings == {"monitoring": {"budget_yellow_below": 70}}
    assert people[Role.REVIEWER].post(address, {"text": "", "reset": "1"}).status_code == 302
    people["bureau"].refresh_from_db()
    assert people["bureau"].monitoring_settings == {}


def test_a_broken_settings_text_says_what_is_wrong(people):
    address = reverse("bureau-settings", args=[people["bureau"].pk])
    for text, said in (("[monitoring\n", "不是有效的 TOML"), ('{"monitoring": ', "不是有效的 JSON"),
                       ("[monitoring]\ncolour = 1\n", "没有设置项“colour”"),
                       ("[evaluation.project]\nlevel1_weights = { 产出 = 50 }\n", "TOML 的中文键名须加英文引号")):
        page = people[Role.REVIEWER].post(address, {"text": text}).content.decode()
        assert said in page, (text, page[:3000])


# ---- self-evaluation -----------------------------------------------------------------------------

YEAR_END = {
    # 产出 50 over its 7 indicators: 50/7 each
    "新增科技型企业数": "1200家",  # ≥1500: 50/7 × 1200/1500 = 40/7 = 5.714…
    "科技型中小企业评价入库": "2400家",  # met: 50/7
    "高新技术企业申报数": "520家",  # met: 50/7
    "新增高新技术企业数": "200家",  # met: 50/7
    "新增市级以上研发机构": "60家",  # met: 50/7
    "实施重点产学研项目": "100家",  # met: 50/7
    "扶持对象补贴发放及时率": "100%",  # met: 50/7
    # 效益 30 over 3: 10 each
    "技术合同成交额": "100亿元",  # met
    "科技创新氛围浓厚": "达成年度指标",  # qualitative, 达成: 100%
    "高新技术产业产值": "2700亿元",  # met
    # 满意度 10
    "受扶持对象满意度": "满意",  # the target's own word: 达成
}


def test_the_year_end_score_and_grade_worked_by_hand(people):
    table = approved(people)
    # 决策 and 过程 are not scored (the self-evaluation table leaves them out).
    # 产出: 6 × 50/7 + 40/7 = 340/7 = 48.5714…; 效益 30; 满意度 10
    # 执行率 9157.5 ÷ 10175 = 90%: 10 × 0.9 = 9 (no cap at 90%)
    # total 340/7 + 30 + 10 + 9 = 683/7 = 97.571… → 97.57, 优
    enter(people[Role.FILLER], table, 12, YEAR_END, spent="9157.5")
    response = people[Role.REVIEWER].get(reverse("evaluation", args=[table.pk]))
    result = response.context["result"]
    assert abs(result.total - D(683) / 7) < D("1e-20")  # exact up to Decimal's 28 digits
    assert result.shown_total == D("97.57") and result.grade == "优"
    scores = {s.indicator.name: s for s in result.scores}
    assert abs(scores["新增科技型企业数"].score - D(40) / 7) < D("1e-20")
    assert result.execution.score == 9 and result.cap is None
    assert {i.level1 for i in result.unscored} == {"决策", "过程"}
    page = response.content.decode()
    assert "97.57" in page and "自评总分 · 优" in page and "50/7" not in page
    assert "7.14 × 1200 ÷ 1500 = 5.71" in page  # the arithmetic beside the indicator
    # A 30% deviation: 90 research institutes against ≥60 is 50% above: −2 → 683/7 − 2 = 95.57
    # Execution 50% (5087.5): 10 × 0.5 = 5; 50 is below 60: the total is capped at 69 → 中
    enter(people[Role.FILLER], table, 12, {**YEAR_END, "新增市级以上研发机构": {"value": "90家", "cause_text": "超额完成"}},
          spent="5087.5")
    result = people[Role.REVIEWER].get(reverse("evaluation", args=[table.pk])).context["result"]
    assert {s.indicator.name: s for s in result.scores}["新增市级以上研发机构"].deduction == 2
    assert abs(result.scaled - (D(683) / 7 - 2 - 4)) < D("1e-20")  # 9 → 5 execution points
    assert result.cap == 69 and result.shown_total == D("69.00") and result.grade == "中"


def test_weights_entered_at_year_end_are_used(people):
    table = approved(people)
    # 新增科技型企业数 given 8.5 points: the other six 产出 indicators share 50 − 8.5 = 41.5 (6.9166… each)
    values = {**YEAR_END, "新增科技型企业数": {"value": "1200家", "weight": "8.5"}}
    enter(people[Role.FILLER], table, 12, values, spent="9157.5")
    result = people[Role.FILLER].get(reverse("evaluation", args=[table.pk])).context["result"]
    scores = {s.indicator.name: s for s in result.scores}
    assert scores["新增科技型企业数"].weight == D("8.5") and scores["新增科技型企业数"].score == D("6.8")  # 8.5 × 0.8
    assert abs(scores["高新技术企业申报数"].weight - D("41.5") / 6) < D("1e-20")
    # 6.8 + 41.5 + 30 + 10 + 9 = 97.3
    assert result.shown_total == D("97.30")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf", "html"])
def test_the_self_evaluation_table_exports_in_the_official_layout_and_reads_back(people, fmt, tmp_path):
    table = approved(people)
    enter(people[Role.FILLER], table, 12, YEAR_END, spent="9157.5")
    response = people[Role.REVIEWER].get(reverse("evaluation-export", args=[table.pk, fmt]))
    assert response.status_code == 200
    path = tmp_path / f"自评表.{fmt}"
    path.write_bytes(b"".join(response.streaming_content))
    (back,) = parse_file(str(path))
    assert back.stage == "self_evaluation" and back.total_score == D("97.57") and back.grade == "优"
    actual = {i.name: i.extra.get("actual") for i in back.indicators}
    assert actual["新增科技型企业数"] == "1200家"


def test_a_department_table_without_the_bureau_weights_is_refused_with_a_link_to_the_settings(people):
    table = approved(people, DEPARTMENT, "江阴市科学技术局（机关）部门整体支出")
    response = people[Role.FILLER].get(reverse("evaluation", args=[table.pk]))
    page = response.content.decode()
    assert "部门整体表的自评须由财政部门设置" in page and "--config" not in page
    assert reverse("bureau-settings", args=[people["bureau"].pk]) in page
    export = people[Role.FILLER].get(reverse("evaluation-export", args=[table.pk, "xlsx"]))
    assert export.status_code == 302  # back to the sheet, which says why
    weights = ('[evaluation.department]\nlevel1_weights = { "决策" = 10, "过程" = 20, "履职" = 40, "效益" = 20, "满意度" = 10 }\n'
               'execution_weight = 0\n[evaluation]\nunscored_level1 = ["投入", "成本", "产出"]\n')
    saved = people[Role.REVIEWER].post(reverse("bureau-settings", args=[people["bureau"].pk]), {"text": weights})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    result = people[Role.FILLER].get(reverse("evaluation", args=[table.pk])).context["result"]
    assert result is not None and result.grade


# ---- the dashboard ---------------------------------------------------------------------------------

def test_the_dashboard_counts_tables_by_colour_and_unit(people, django_user_model):
    table = approved(people)
    second = approved(people, name="江阴市科技镇长团工作经费")
    approved(people, name="国际人才市场江阴市场")  # approved, nothing entered: 未填报
    enter(people[Role.FILLER], table, 6, MIDYEAR, spent="3052.5")  # red
    enter(people[Role.FILLER], second, 6, {"举行科技沙龙": "5场", "海内外高层次人才创新创业": "3场"}, spent="62.625")  # green
    other = Unit.objects.create(name="江阴市科技情报所", authority=people["unit"].authority)
    people["unit"] = other
    filler = django_user_model.objects.create_user("other-filler")
    Membership.objects.create(user=filler, role=Role.FILLER, unit=other)
    people["filler-user"] = filler
    third = approved(people, name="江阴市科技镇长团工作经费")
    people[Role.FILLER].force_login(filler)
    enter(people[Role.FILLER], third, 6, {"举行科技沙龙": "4场"})  # 4 ÷ 5 = 80%: green, no spending
    response = people[Role.REVIEWER].get(reverse("dashboard"), {"month": 6, "year": 2025})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.totals == {"red": 1, "yellow": 0, "green": 2, "blue": 0, "none": 1, "unknown": 0}
    by_unit = {u.unit: u.counts for u in board.units}
    assert by_unit["江阴市科学技术局（机关）"] == {"red": 1, "yellow": 0, "green": 1, "blue": 0, "none": 1, "unknown": 0}
    assert by_unit["江阴市科技情报所"]["green"] == 1
    page = response.content.decode()
    assert reverse("monitoring", args=[table.pk]) + "?month=6" in page
    # at month 3 nothing had been entered: every table is 未填报
    early = people[Role.REVIEWER].get(reverse("dashboard"), {"month": 3, "year": 2025}).context["board"]
    assert early.totals["none"] == 4
    # the admin sees every bureau; a filler has no dashboard
    assert people[Role.ADMIN].get(reverse("dashboard")).context["board"].count == 4
    assert people[Role.FILLER].get(reverse("dashboard")).status_code == 403


# ---- the API ---------------------------------------------------------------------------------------

def test_the_api_reads_and_replaces_a_checkpoint_with_the_same_checks(people):
    table = approved(people)
    places = index_of(table)
    address = f"/api/tables/{table.pk}/actuals/6"
    body = {"indicators": [{"index": places["新增科技型企业数"], "value": "85%"},
                           {"index": places["技术合同成交额"], "value": "15亿元", "causes": ["经费保障"]}],
            "spending": [{"source": "合计", "spent_wan": "3052.5"}]}
    refused = people[Role.FILLER].put(address, json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["problems"] == [
        "指标“新增科技型企业数”：实际完成值“85%”：单位“%”与指标值“≥1500家”的单位“家”不符；应填写以“家”计的数值"]
    assert not ActualValue.objects.exists()
    body["indicators"][0]["value"] = "400家"
    saved = people[Role.FILLER].put(address, json.dumps(body), content_type="application/json")
    assert saved.status_code == 200 and len(saved.json()["changes"]) == 3
    got = people[Role.REVIEWER].get(f"/api/tables/{table.pk}/actuals").json()
    assert got["months"] == [6] and got["approved"] and not got["may_enter"]
    values = {i["name"]: i["values"] for i in got["indicators"] if i["values"]}
    assert values["技术合同成交额"][0]["causes"] == ["经费保障"] and values["新增科技型企业数"][0]["entered_by"] == "张填报"
    assert got["spending"] == [{"source": "合计", "month": 6, "spent_wan": "3052.5"}]
    monitored = people[Role.REVIEWER].get(f"/api/tables/{table.pk}/monitoring?month=6").json()
    assert monitored["colour"] == "red" and monitored["budget"]["ratio"] == "60"
    assert people[Role.REVIEWER].put(address, json.dumps(body), content_type="application/json").status_code == 403
    evaluated = people[Role.HEAD].get(f"/api/tables/{table.pk}/evaluation").json()
    assert evaluated["grade"] and evaluated["settings"] == "默认设置"


def test_the_api_refuses_a_department_table_without_weights(people):
    table = approved(people, DEPARTMENT, "江阴市科学技术局（机关）部门整体支出")
    answer = people[Role.FILLER].get(f"/api/tables/{table.pk}/evaluation")
    assert answer.status_code == 409 and "部门整体表的自评须由财政部门设置" in answer.json()["detail"]


# ---- hostile text ------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_strings_are_shown_as_text(people):
    table = approved(people)
    enter(people[Role.FILLER], table, 6, {"新增科技型企业数": {"value": "400家", "cause_text": HOSTILE,
                                                       "causes": ["其他"]}}, spent="100")
    for address in (reverse("actuals", args=[table.pk, 6]), reverse("monitoring", args=[table.pk]) + "?month=6",
                    reverse("table-history", args=[table.pk])):
        page = people[Role.REVIEWER].get(address).content.decode()
        assert HOSTILE not in page and "&lt;script&gt;" in page, address
    # in the chart data too: json_script escapes < > &
    people[Role.REVIEWER].post(reverse("bureau-settings", args=[people["bureau"].pk]), {"text": f"# {HOSTILE}\n[monitoring]\n"})
    page = people[Role.REVIEWER].get(reverse("bureau-settings", args=[people["bureau"].pk])).content.decode()
    assert HOSTILE not in page
    refused = people[Role.FILLER].post(reverse("actuals", args=[table.pk, 6]),
                                       form(table, {"新增科技型企业数": HOSTILE}))
    assert HOSTILE not in refused.content.decode() and "未能保存" in refused.content.decode()


def test_the_dashboard_reads_all_tables_in_a_few_queries(people):
    """Whatever the number of tables, the same queries: rows are fetched for all tables at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert people[Role.REVIEWER].get(reverse("dashboard"), {"month": 6}).status_code == 200
        return len(captured)

    table = approved(people)
    enter(people[Role.FILLER], table, 6, MIDYEAR, spent="3052.5")
    few = queries()
    for name in ("江阴市科技镇长团工作经费", "国际人才市场江阴市场"):
        more = approved(people, name=name)
        enter(people[Role.FILLER], more, 6, {"举行科技沙龙" if name.endswith("经费") else "金融融资路演": "1场"}, spent="10")
    assert queries() == few


def test_a_hostile_indicator_name_stays_data_in_the_chart(people):
    table = approved(people)
    record = table.record
    evil = "</script><script>alert(1)</script>"
    for indicator in record["indicators"]:
        if indicator["name"] == "新增科技型企业数":
            indicator["name"] = evil
    Table.objects.filter(pk=table.pk).update(record=record)
    page = people[Role.REVIEWER].get(reverse("monitoring", args=[table.pk])).content.decode()
    assert evil not in page
    data = page.split('id="chart-data" type="application/json">')[1].split("</script>")[0]
    assert any(c["name"] == evil for c in json.loads(data))  # json_script escaped it as \u003C…


# ---- the core's hand-worked examples, entered through the page ----------------------------------

def _through_the_page(people, tmp_path, indicators, values, spent: str) -> evaluation.EvaluationResult:
    """A table of tests/test_evaluation_scoring.py made, approved and filled in on the page."""
    from yearly import target_table

    parsed = target_table(tmp_path, indicators)
    (table,) = table_store.create_tables(people["filler-user"], people["unit"], [parsed], "表.txt")
    for user, step in (("filler-user", "submit"), ("reviewer-user", "review"), ("reviewer-user", "approve")):
        table_store.take_step(people[user], table, step)
    given = {row["三级指标"]: row["实际完成值"] for row in values}
    assert enter(people[Role.FILLER], table, 12, given, spent=spent).status_code == 302
    return people[Role.REVIEWER].get(reverse("evaluation", args=[table.pk])).context["result"]


@pytest.mark.parametrize("spent, total, grade", [("75", "83.72", "良"), ("55", "69.00", "中")])
def test_the_worked_example_of_domain_c1_through_the_page(people, tmp_path, spent, total, grade):
    # The arithmetic is written out in tests/test_evaluation_scoring.py: 83.7222… at 75%, capped at 69 at 55%.
    from test_evaluation_scoring import WORKED, WORKED_VALUES

    result = _through_the_page(people, tmp_path, WORKED, WORKED_VALUES, spent)
    assert result.shown_total == D(total) and result.grade == grade


def test_every_comparator_through_the_page(people, tmp_path):
    # 7.5 + 10 + 9.5 + 8 + 10 + 30 + 10 + 10 = 95 → 优 (tests/test_evaluation_scoring.py, table 2)
    indicators = [("产出指标", "数量指标", "服务人数", "", "≥200人"), ("产出指标", "数量指标", "合作项目", "", ">4项"),
                  ("产出指标", "质量指标", "验收合格率", "", "=100%"), ("产出指标", "成本指标", "单位成本", "", "≤50元"),
                  ("产出指标", "质量指标", "投诉次数", "", "<5次"), ("效益指标", "社会效益", "群众获得感", "", "明显提升"),
                  ("满意度指标", "服务对象满意度", "满意度", "", "≥90%")]
    values = [{"三级指标": n, "实际完成值": v} for n, v in (("服务人数", "150人"), ("合作项目", "5项"), ("验收合格率", "95%"),
              ("单位成本", "60元"), ("投诉次数", "3次"), ("群众获得感", "达成年度指标"), ("满意度", "90%"))]
    result = _through_the_page(people, tmp_path, indicators, values, "100")
    assert result.total == 95 and result.grade == "优"


def test_a_checkpoint_saved_over_someone_elses_change_is_refused_and_the_input_kept(people):
    table = approved(people)
    address = reverse("actuals", args=[table.pk, 6])

    def basis(response) -> str:
        return response.content.decode().split('name="basis" value="')[1].split('"')[0]

    opened = basis(people[Role.FILLER].get(address))  # the filler opens the page…
    enter(people[Role.HEAD], table, 6, {"技术合同成交额": "15亿元"})  # …the head saves another value meanwhile
    refused = people[Role.FILLER].post(address, {**form(table, {"新增科技型企业数": "400家"}), "basis": opened})
    page = refused.content.decode()
    assert refused.status_code == 200 and "已被他人修改" in page and 'value="400家"' in page
    assert "现在已填报为“15亿元”" in page  # beside the head's indicator
    assert list(ActualValue.objects.values_list("value", flat=True)) == ["15亿元"]  # the head's value stands
    # saving again from the page as it now stands is a choice made knowingly
    again = people[Role.FILLER].post(address, {**form(table, {"新增科技型企业数": "400家", "技术合同成交额": "15亿元"}),
                                               "basis": basis(refused)})
    assert again.status_code == 302
    assert sorted(ActualValue.objects.values_list("value", flat=True)) == ["15亿元", "400家"]


def test_values_follow_their_indicators_through_an_adjustment(people):
    """An approved table adjusted (two indicators swapped, one renamed) and approved again: the
    values go with their indicators, the renamed one's value is listed apart, nothing is lost."""
    from jixiao.editing import to_sheet
    from jixiao.record import from_record

    table = approved(people)
    enter(people[Role.FILLER], table, 6, {"新增科技型企业数": "400家", "科技型中小企业评价入库": "1000家",
                                         "技术合同成交额": "15亿元"}, spent="100")
    enter(people[Role.FILLER], table, 12, {"新增科技型企业数": {"value": "1200家", "weight": "9"}})
    table_store.take_step(people["head-user"], table, "adjust")
    table.refresh_from_db()
    sheet = to_sheet(from_record(table.record))
    rows = sheet["indicators"]
    a = next(n for n, r in enumerate(rows) if r["name"] == "新增科技型企业数")
    rows[a], rows[a + 1] = rows[a + 1], rows[a]
    next(r for r in rows if r["name"] == "技术合同成交额")["name"] = "技术合同登记额"
    table = table_store.save_sheet(people["filler-user"], table, sheet, table.version)
    # during the adjustment the approved version is still what is monitored
    assert people[Role.REVIEWER].get(reverse("monitoring", args=[table.pk]), {"month": 6}).context["result"].counts()["green"]
    for user, step in (("filler-user", "submit"), ("reviewer-user", "review"), ("reviewer-user", "approve")):
        table_store.take_step(people[user], table, step)
    table.refresh_from_db()
    places = index_of(table)
    assert places["新增科技型企业数"] == places["科技型中小企业评价入库"] + 1  # swapped
    stored = {(v.indicator, v.month): (v.name, v.value) for v in ActualValue.objects.filter(table=table)}
    assert stored[(places["新增科技型企业数"], 6)] == ("新增科技型企业数", "400家")
    assert stored[(places["科技型中小企业评价入库"], 6)] == ("科技型中小企业评价入库", "1000家")
    assert stored[(places["新增科技型企业数"], 12)] == ("新增科技型企业数", "1200家")
    assert Weight.objects.get(table=table).indicator == places["新增科技型企业数"]
    entered = next(v for v in ActualValue.objects.filter(table=table) if v.name == "技术合同成交额")
    assert entered.indicator >= len(places) and entered.entered_by == people["filler-user"]  # set aside, kept
    page = people[Role.FILLER].get(reverse("actuals", args=[table.pk, 6])).content.decode()
    assert "与现在批复的指标对不上" in page and "“技术合同成交额” 6 月：15亿元" in page
    # the renamed indicator takes a value of its own; the others stay
    response = enter(people[Role.FILLER], table, 6, {"新增科技型企业数": "400家", "科技型中小企业评价入库": "1000家",
                                                    "技术合同登记额": "20亿元"}, spent="100")
    assert response.status_code == 302
    seen = people[Role.FILLER].get(reverse("monitoring", args=[table.pk]), {"month": 6}).context["result"]
    assert {s.indicator.name: s.observation.raw for s in seen.indicators if s.observation} == {
        "新增科技型企业数": "400家", "科技型中小企业评价入库": "1000家", "技术合同登记额": "20亿元"}
