"""The HTTP API (issue 13, point 7) through Django's test client on a real database: tokens and
sessions (with CSRF), the OpenAPI document and its docs page served from local files, the whole
workflow of a seed table, refused stale saves, and hostile strings given back as JSON strings.
Who may call which operation is the API bundle of test_web_permissions.py."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver

from jixiao.web.accounts.models import ApiToken, Authority, FinanceBureau, Membership, Role, Unit
from jixiao.web.api import NAMESPACE
from jixiao.web.tables.models import Event, Notification, Status, Table

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
NANTONG = next((ROOT / "examples" / "seeds").glob("004_*.txt"))
JIANGYIN = next((ROOT / "examples" / "seeds").glob("000_*.txt"))
TASKS = ROOT / "tests" / "fixtures" / "layouts" / "19_department_tasks.txt"
NAMES = {Role.FILLER: "张填报", Role.HEAD: "李负责", Role.REVIEWER: "王审核"}


@pytest.fixture
def people(django_user_model):
    """A token client (a script) for a unit's filler and head and the bureau's reviewer."""
    bureau = FinanceBureau.objects.create(name="南通市财政局")
    unit = Unit.objects.create(name="南通市科学技术局", authority=Authority.objects.create(name="南通市科学技术局", bureau=bureau))
    found = {"unit": unit}
    for role, where in ((Role.FILLER, {"unit": unit}), (Role.HEAD, {"unit": unit}), (Role.REVIEWER, {"bureau": bureau})):
        user = django_user_model.objects.create_user(role, first_name=NAMES[role])
        Membership.objects.create(user=user, role=role, **where)
        _, token = ApiToken.issue(user, "测试")
        found[role] = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        found[f"{role}-user"] = user
    return found


def upload(client: Client, path: Path, unit: Unit | None = None, preview: bool = False):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post("/api/tables" + ("?preview=true" if preview else ""), data)


def imported(people, path: Path = JIANGYIN) -> list[dict]:
    response = upload(people[Role.FILLER], path, people["unit"])
    assert response.status_code == 201, response.content
    return response.json()["tables"]


def put_sheet(client: Client, pk: int, body: dict):
    return client.put(f"/api/tables/{pk}/sheet", json.dumps(body, ensure_ascii=False), content_type="application/json")


def post(client: Client, address: str, body: dict | None = None):
    return client.post(address, json.dumps(body or {}, ensure_ascii=False), content_type="application/json")


# ---- signing in ---------------------------------------------------------------------------

def test_a_token_signs_a_script_in_and_only_its_hash_is_kept(people):
    answer = people[Role.FILLER].get("/api/me")
    assert answer.status_code == 200
    assert answer.json() == {"username": "filler", "name": "张填报", "roles": ["填报人：南通市科学技术局"]}
    token = ApiToken.objects.get(user=people["filler-user"])
    assert token.last_used is not None and len(token.digest) == 64
    assert not ApiToken.objects.filter(digest__startswith=ApiToken.PREFIX).exists()


@pytest.mark.parametrize("header", ["Bearer jx_not-a-token", "Bearer ", "Bearer x" * 100])
def test_a_wrong_token_is_401_in_chinese(people, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/tables")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] in ("令牌无效或已停用", "请先登录，或在请求头中提供令牌：Authorization: Bearer <令牌>")


def test_no_credentials_is_401_and_a_deactivated_persons_token_stops_working(people):
    response = Client().get("/api/tables")
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]
    response = post(Client(enforce_csrf_checks=True), "/api/notifications/read")  # 401, not a CSRF refusal
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]
    user = people["reviewer-user"]
    user.is_active = False
    user.save()
    assert people[Role.REVIEWER].get("/api/tables").status_code == 401


def test_the_token_command_prints_a_token_once_lists_and_revokes(people):
    out = StringIO()
    call_command("token", "head", "--name", "同步脚本", stdout=out)
    lines = out.getvalue().splitlines()
    assert "已为 head 创建令牌“同步脚本”" in lines[0] and "只显示这一次" in lines[0]
    token = lines[1]
    assert token.startswith("jx_") and not ApiToken.objects.filter(digest=token).exists()
    script = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert script.get("/api/me").json()["name"] == "李负责"
    listed = StringIO()
    call_command("token", "head", "--list", stdout=listed)
    assert "同步脚本" in listed.getvalue() and "测试" in listed.getvalue()
    with pytest.raises(SystemExit):  # the name is taken
        call_command("token", "head", "--name", "同步脚本", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(SystemExit):
        call_command("token", "nobody", stdout=StringIO(), stderr=StringIO())
    call_command("token", "head", "--revoke", "同步脚本", stdout=StringIO())
    assert script.get("/api/me").status_code == 401


def test_a_session_needs_the_csrf_token_for_changes(people):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["filler-user"])
    pk = imported(people)[0]["id"]
    assert browser.get(f"/api/tables/{pk}").status_code == 200  # reading needs no CSRF token
    refused = post(browser, f"/api/tables/{pk}/comments", {"text": "请补充"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not Event.objects.filter(action="comment").exists()
    browser.get("/tables/")  # a page gives the CSRF cookie, as in the browser
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(f"/api/tables/{pk}/comments", json.dumps({"text": "请补充"}), content_type="application/json",
                            HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


# ---- the document and its page --------------------------------------------------------------

def test_the_openapi_document_lists_every_address_of_the_api():
    document = Client().get("/api/openapi.json").json()
    assert document["info"]["title"].startswith("jixiao")
    api_patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == NAMESPACE).url_patterns
    routes = {"/api/" + re.sub(r"<(\w+)>", r"{\1}", str(p.pattern)) for p in api_patterns
              if p.name not in ("openapi-json", "openapi-view", "api-root")}
    assert routes == set(document["paths"])
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert document["components"]["securitySchemes"]["SessionAuth"]["in"] == "cookie"


def test_the_docs_page_uses_only_the_applications_own_files():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses and not [a for a in addresses if re.match(r"(https?:)?//", a)]
    for address in addresses:
        assert address.startswith("/static/") and finders.find(address.removeprefix("/static/")), address
    # no inline script, so that Content-Security-Policy default-src 'self' lets it run
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not re.search(r"\son\w+=", page)  # no inline event handlers either


def test_an_unknown_api_address_or_method_is_said_in_json(people):
    response = Client().get("/api/nothing/here")
    assert response.status_code == 404 and "接口" in response.json()["detail"]
    response = people[Role.FILLER].delete("/api/tables")
    assert response.status_code == 405 and "DELETE" in response.json()["detail"] and "GET" in response["Allow"]


# ---- tables -------------------------------------------------------------------------------

def test_import_preview_saves_nothing_and_import_saves(people):
    preview = upload(people[Role.FILLER], NANTONG, preview=True)  # one unit: no need to name it
    assert preview.status_code == 200
    body = preview.json()
    assert body["file"] == NANTONG.name and len(body["tables"]) == 12 and body["unit"]["name"] == "南通市科学技术局"
    assert any(t["name"] == "物业管理费" for t in body["tables"]) and "indicators" in body["tables"][0]["table"]
    assert Table.objects.count() == 0
    created = imported(people, NANTONG)
    assert len(created) == 12 and {t["status"] for t in created} == {"draft"} and Table.objects.count() == 12


def test_import_refusals(people):
    bad = people[Role.FILLER].post("/api/tables", {"file": SimpleUploadedFile("预算表.xlsx", b"PK\x03\x04 not a workbook")})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("预算表.xlsx：")
    assert upload(people[Role.REVIEWER], NANTONG).status_code == 403
    missing = people[Role.FILLER].post("/api/tables", {})
    assert missing.status_code == 422 and missing.json()["detail"].startswith("请求内容有误")
    assert Table.objects.count() == 0


def test_the_list_filters_as_the_page_does(people):
    imported(people, NANTONG)
    reader = people[Role.REVIEWER]
    assert reader.get("/api/tables").json()["count"] == 12
    assert reader.get("/api/tables", {"year": 2026}).json()["count"] == 12
    assert reader.get("/api/tables", {"year": 2025}).json()["count"] == 0
    found = reader.get("/api/tables", {"q": "物业"}).json()
    assert found["count"] == 1 and found["items"][0]["name"] == "物业管理费"
    assert reader.get("/api/tables", {"status": "approved"}).json()["count"] == 0
    assert reader.get("/api/tables", {"unit": people["unit"].pk, "kind": "project"}).json()["count"] >= 1
    page = reader.get("/api/tables", {"limit": 5, "offset": 10}).json()
    assert page["count"] == 12 and len(page["items"]) == 2
    wrong = reader.get("/api/tables", {"status": "lost"})
    assert wrong.status_code == 422 and "status" in wrong.json()["detail"]


def test_a_search_pages_in_the_lists_order(people):
    imported(people, NANTONG)
    reader = people[Role.REVIEWER]
    everything = [t["id"] for t in reader.get("/api/tables").json()["items"]]
    found = reader.get("/api/tables", {"q": "预算执行率"}).json()  # an indicator of every table
    ids = [t["id"] for t in found["items"]]
    assert found["count"] == len(ids) == 12 and ids == everything
    page = reader.get("/api/tables", {"q": "预算执行率", "limit": 2, "offset": 1}).json()
    assert page["count"] == found["count"] and [t["id"] for t in page["items"]] == ids[1:3]


def test_a_table_its_indicators_findings_and_exports(people):
    pk = imported(people)[0]["id"]
    reader = people[Role.REVIEWER]
    table = reader.get(f"/api/tables/{pk}").json()
    assert table["status"] == "draft" and table["status_label"] == "草稿" and table["version"] == 1
    assert table["can_edit"] is False and table["can_comment"] is True and table["steps"] == []
    assert people[Role.FILLER].get(f"/api/tables/{pk}").json()["steps"] == [{"action": "submit", "label": "提交"}]
    indicators = reader.get(f"/api/tables/{pk}/indicators").json()
    assert [i["name"] for i in indicators] == [i["name"] for i in table["table"]["indicators"]]
    findings = reader.get(f"/api/tables/{pk}/findings").json()
    assert findings["score"] == table["score"] and findings["grade"] == table["grade"]
    assert sum(findings["counts"].values()) == len(findings["findings"])
    placed = sum(len(i["findings"]) for i in indicators)
    assert placed <= len(findings["findings"])
    exported = reader.get(f"/api/tables/{pk}/export/json")
    assert exported.status_code == 200 and b"".join(exported.streaming_content).startswith(b"{")
    assert reader.get(f"/api/tables/{pk}/export/exe").status_code == 404
    assert reader.get(f"/api/tables/{pk}/approved/1").status_code == 404


def test_the_target_check(people):
    answer = people[Role.FILLER].get("/api/targets/check", {"text": "≥1500家"}).json()
    assert answer["ok"] and answer["comparator"] == "≥" and answer["value"] == "1500" and answer["unit"] == "家"
    assert not people[Role.FILLER].get("/api/targets/check", {"text": "大力推进"}).json()["ok"]


# ---- editing and the workflow -------------------------------------------------------------

def test_the_sheet_carries_the_annual_tasks_and_a_sheet_without_them_keeps_them(people):
    filler = people[Role.FILLER]
    pk = imported(people, TASKS)[0]["id"]
    body = filler.get(f"/api/tables/{pk}/sheet").json()
    assert [t["name"] for t in body["sheet"]["tasks"]] == ["机关运转", "审计专项补助经费"]
    body["sheet"]["tasks"][0]["content"] = "人员经费、公用经费。"
    assert put_sheet(filler, pk, body).status_code == 200
    del body["sheet"]["tasks"]
    body["version"] = 2
    body["sheet"]["indicators"][0]["full_year"] = "≥40"
    assert put_sheet(filler, pk, body).status_code == 200
    tasks = filler.get(f"/api/tables/{pk}/sheet").json()["sheet"]["tasks"]
    assert [(t["name"], t["content"]) for t in tasks] == [("机关运转", "人员经费、公用经费。"),
                                                          ("审计专项补助经费", "专项用于审计项目，含聘请中介机构费用。")]


def test_the_whole_workflow_through_the_api(people):
    filler, reviewer = people[Role.FILLER], people[Role.REVIEWER]
    created = imported(people, NANTONG)
    pk = created[0]["id"]
    # edit
    sheet = filler.get(f"/api/tables/{pk}/sheet").json()
    name = sheet["sheet"]["indicators"][0]["name"]
    sheet["sheet"]["indicators"][0]["full_year"] = "≥10家"
    saved = put_sheet(filler, pk, sheet)
    assert saved.status_code == 200 and saved.json()["version"] == 2
    # submit; the reviewer is told, and returns it with a reason on one indicator
    assert post(filler, f"/api/tables/{pk}/steps/submit").json()["status"] == "submitted"
    notices = reviewer.get("/api/notifications", {"unread": "true"}).json()
    assert notices["unread"] >= 1 and "提交了" in notices["items"][0]["text"] and notices["items"][0]["table_id"] == pk
    assert post(reviewer, "/api/notifications/read").json()["marked"] == notices["unread"]
    no_reason = post(reviewer, f"/api/tables/{pk}/steps/return")
    assert no_reason.status_code == 422 and "原因" in no_reason.json()["detail"]
    returned = post(reviewer, f"/api/tables/{pk}/steps/return",
                    {"reasons": [{"indicator": name, "text": "目标值过低，请按上年完成值设定"}]})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    reasons = filler.get(f"/api/tables/{pk}/comments").json()
    assert reasons == [{**reasons[0], "author": "王审核", "indicator": name, "text": "目标值过低，请按上年完成值设定",
                        "is_return_reason": True}]
    # fix, submit again; review and approve (not the filler's to approve)
    sheet = filler.get(f"/api/tables/{pk}/sheet").json()
    sheet["sheet"]["indicators"][0]["full_year"] = "≥20家"
    assert put_sheet(filler, pk, sheet).status_code == 200
    assert post(filler, f"/api/tables/{pk}/steps/submit").status_code == 200
    assert post(reviewer, f"/api/tables/{pk}/steps/review").json()["status"] == "reviewed"
    refused = post(filler, f"/api/tables/{pk}/steps/approve")
    assert refused.status_code == 403 and "不能批复" in refused.json()["detail"]
    approved = post(reviewer, f"/api/tables/{pk}/steps/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert Table.objects.get(pk=pk).status == Status.APPROVED
    # an approved table is not edited; its approved version is there
    assert put_sheet(filler, pk, filler.get(f"/api/tables/{pk}/sheet").json()).status_code == 403
    version = reviewer.get(f"/api/tables/{pk}/approved/1").json()
    assert version["table"]["indicators"][0]["full_year"]["raw"] == "≥20家"
    history = reviewer.get(f"/api/tables/{pk}/history").json()
    assert [e["action"] for e in history] == ["import", "edit", "submit", "return", "edit", "submit", "review", "approve"]
    assert {"place": f"指标“{name}”的全年（程）指标值", "before": "≥10家", "after": "≥20家"} in history[4]["changes"]
    assert history[-1]["user"] == "王审核" and history[-1]["status_after"] == "approved"
    assert post(reviewer, f"/api/tables/{pk}/steps/nothing").status_code == 404


def test_a_save_over_a_stale_version_is_409_and_nothing_is_lost(people):
    pk = imported(people)[0]["id"]
    mine = people[Role.FILLER].get(f"/api/tables/{pk}/sheet").json()
    theirs = people[Role.HEAD].get(f"/api/tables/{pk}/sheet").json()
    theirs["sheet"]["indicators"][0]["full_year"] = "≥99"
    assert put_sheet(people[Role.HEAD], pk, theirs).status_code == 200
    mine["sheet"]["indicators"][0]["name"] = "我的修改"
    stale = put_sheet(people[Role.FILLER], pk, mine)
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    table = people[Role.FILLER].get(f"/api/tables/{pk}").json()
    assert table["version"] == 2 and table["table"]["indicators"][0]["full_year"]["raw"] == "≥99"


def test_bad_values_are_422_with_each_problem(people):
    pk = imported(people)[0]["id"]
    body = people[Role.FILLER].get(f"/api/tables/{pk}/sheet").json()
    body["sheet"]["header"]["year"] = "二〇二五"
    body["sheet"]["indicators"][1]["name"] = " "
    answer = put_sheet(people[Role.FILLER], pk, body)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert any("年度应为四位数字" in p for p in problems) and any("第2个指标没有三级指标名称" in p for p in problems)
    shapeless = put_sheet(people[Role.FILLER], pk, {"version": 1, "sheet": {"indicators": "x"}})
    assert shapeless.status_code == 422 and shapeless.json()["detail"].startswith("请求内容有误")
    assert Table.objects.get(pk=pk).version == 1


def test_hostile_strings_come_back_as_json_strings(people):
    pk = imported(people)[0]["id"]
    body = people[Role.FILLER].get(f"/api/tables/{pk}/sheet").json()
    script, image, bold = '<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "<b>粗体</b>"
    body["sheet"]["indicators"][0]["name"] = script
    body["sheet"]["header"]["project"] = image
    assert put_sheet(people[Role.FILLER], pk, body).status_code == 200
    assert post(people[Role.REVIEWER], f"/api/tables/{pk}/comments", {"text": bold, "indicator": script}).status_code == 201
    for address in (f"/api/tables/{pk}", f"/api/tables/{pk}/indicators", f"/api/tables/{pk}/comments",
                    f"/api/tables/{pk}/history", "/api/tables", "/api/notifications"):
        response = people[Role.FILLER].get(address)
        assert response["Content-Type"].startswith("application/json") and response["X-Content-Type-Options"] == "nosniff"
        text = response.content.decode()
        assert "&lt;" not in text and "&#" not in text  # not HTML-escaped: JSON, for a program to read
    assert people[Role.FILLER].get(f"/api/tables/{pk}/indicators").json()[0]["name"] == script
    assert people[Role.FILLER].get(f"/api/tables/{pk}").json()["table"]["project"] == image
    comment = people[Role.FILLER].get(f"/api/tables/{pk}/comments").json()[0]
    assert comment["text"] == bold and comment["indicator"] == script
    assert Notification.objects.filter(text__contains=bold).exists()
