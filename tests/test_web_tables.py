"""The table screens through Django's test client on a real database: import with preview,
editing with the review recomputed, the workflow with its notices, the history, refused
concurrent saves, export, and hostile content shown as text."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jixiao.api import parse_file
from jixiao.editing import to_sheet
from jixiao.record import from_record
from jixiao.review import review, rules_fingerprint
from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit
from jixiao.web.tables import queries, store, views, words
from jixiao.web.tables.models import ApprovedVersion, Comment, Event, Notification, PendingImport, Status, Table

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
NANTONG = ROOT / "examples" / "seeds" / "004_39cb5bcb496eb896.txt"
JIANGYIN = ROOT / "examples" / "seeds" / "000_291eb2953e7b1f6f.txt"
TASKS = ROOT / "tests" / "fixtures" / "layouts" / "19_department_tasks.txt"  # a department table's 年度主要任务


@pytest.fixture
def people(django_user_model):
    bureau = FinanceBureau.objects.create(name="南通市财政局")
    unit = Unit.objects.create(name="南通市科学技术局", authority=Authority.objects.create(name="南通市科学技术局", bureau=bureau))
    found = {}
    for role, where in ((Role.FILLER, {"unit": unit}), (Role.HEAD, {"unit": unit}), (Role.REVIEWER, {"bureau": bureau})):
        user = django_user_model.objects.create_user(role, first_name={"filler": "张填报", "head": "李负责",
                                                                                    "reviewer": "王审核"}[role])
        Membership.objects.create(user=user, role=role, **where)
        client = Client()
        client.force_login(user)
        found[role] = client
    found["unit"] = unit
    return found


def upload(client: Client, path: Path, unit: Unit):
    data = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("import"), {"file": data, "unit": unit.pk})


def imported(people, path: Path = JIANGYIN) -> list[Table]:
    response = upload(people[Role.FILLER], path, people["unit"])
    people[Role.FILLER].post(response["Location"], {"confirm": "1"})
    return list(Table.objects.order_by("id"))


def test_import_shows_a_preview_and_saves_only_when_confirmed(people):
    response = upload(people[Role.FILLER], NANTONG, people["unit"])
    assert response.status_code == 302
    assert Table.objects.count() == 0  # nothing before the person confirms
    preview = people[Role.FILLER].get(response["Location"]).content.decode()
    assert "从这个文件读到 12 张表" in preview and "物业管理费" in preview and "解析报告" in preview
    people[Role.FILLER].post(response["Location"], {"confirm": "1"})
    tables = Table.objects.all()
    assert tables.count() == 12 and {t.status for t in tables} == {Status.DRAFT}
    assert PendingImport.objects.count() == 0
    assert Event.objects.filter(action="import").count() == 12


def test_dropping_an_import_saves_nothing(people):
    response = upload(people[Role.FILLER], NANTONG, people["unit"])
    people[Role.FILLER].post(response["Location"], {"confirm": "0"})
    assert Table.objects.count() == 0 and PendingImport.objects.count() == 0


def test_an_unreadable_file_is_refused_with_its_name_and_changes_nothing(people):
    bad = SimpleUploadedFile("预算表.xlsx", b"PK\x03\x04 not really a workbook")
    response = people[Role.FILLER].post(reverse("import"), {"file": bad, "unit": people["unit"].pk})
    page = response.content.decode()
    assert response.status_code == 200 and "预算表.xlsx：" in page
    assert Table.objects.count() == 0 and PendingImport.objects.count() == 0


def test_the_detail_page_puts_findings_beside_their_indicators(people):
    table = imported(people)[0]
    page = people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
    assert "审核得分" in page and table.grade in page
    parsed = from_record(table.record)
    assert parsed.indicators[0].name in page
    assert 'class="has-findings"' in page or "表头、文本与资金的审核发现" in page


def test_the_detail_page_lists_the_findings_of_no_indicator_with_their_rules(people):
    tables = imported(people)
    table, finding = next((t, f) for t in tables for f in review(from_record(t.record)).findings if not f.indicator)
    page = people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
    listed = page[page.index('<ul class="findings-list">'):]
    listed = listed[:listed.index("</ul>")]
    rule = finding.rule
    assert (f'<li class="finding sev-{finding.severity.value}"><b>{finding.severity.label} {rule.code} '
            f'{html.escape(rule.title)}</b>：{html.escape(finding.message)}') in listed
    assert f"依据：{html.escape(rule.basis)}；建议：{html.escape(rule.suggestion)}</div></li>" in listed
    assert "还没有意见。" in page  # and no comment was asked for: the table's row counted none


def sheet_of(table: Table) -> dict:
    return to_sheet(from_record(Table.objects.get(pk=table.pk).record))


def save(client: Client, table: Table, sheet: dict, version: int):
    return client.post(reverse("table-edit", args=[table.pk]), {"sheet": json.dumps(sheet, ensure_ascii=False),
                                                                "version": version})


def test_an_edit_is_saved_reviewed_again_and_recorded(people):
    table = imported(people)[0]
    sheet = sheet_of(table)
    row = sheet["indicators"][0]
    old = row["full_year"]
    row["full_year"] = "≥0"
    response = save(people[Role.FILLER], table, sheet, table.version)
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.version == 2
    assert from_record(table.record).indicators[0].full_year.raw == "≥0"
    event = table.events.get(action="edit")
    assert {"place": f"指标“{row['name']}”的全年（程）指标值", "before": old, "after": "≥0"} in event.changes
    history = people[Role.REVIEWER].get(reverse("table-history", args=[table.pk])).content.decode()
    assert "≥0" in history and "张填报" in history


def test_no_template_syntax_shows_on_a_page(people):
    """A Django comment {# … #} ends at its line: one over two lines was printed on every table page."""
    table = imported(people)[0]
    for name, args in (("tables", []), ("table", [table.pk]), ("table-edit", [table.pk]), ("table-history", [table.pk])):
        page = people[Role.FILLER].get(reverse(name, args=args)).content.decode()
        assert not re.search(r"\{[#%{]|[#%]\}", page), name


def test_the_annual_tasks_of_a_department_table_are_shown_and_edited(people):
    table = imported(people, TASKS)[0]
    page = people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
    assert '<td class="label" rowspan="3">年度主要任务</td>' in page  # the block over its two tasks
    assert '<td class="value">审计专项补助经费</td>' in page and '<td class="number">198.18</td>' in page
    form = people[Role.FILLER].get(reverse("table-edit", args=[table.pk])).content.decode()
    assert "年度主要任务（万元）" in form and 'data-field="appropriation_wan" value="3354.42"' in form
    sheet = sheet_of(table)
    assert sheet["tasks"][0] == {"name": "机关运转", "content": "人员经费及公用经费。", "duty": "", "project": "",
                                 "amount_wan": "3354.42", "appropriation_wan": "3354.42", "other_wan": ""}
    sheet["tasks"][1]["other_wan"] = "200"
    sheet["tasks"].append({"name": "审计信息化建设", "amount_wan": "50", "appropriation_wan": "50"})
    assert save(people[Role.FILLER], table, sheet, table.version).status_code == 302
    saved = from_record(Table.objects.get(pk=table.pk).record).tasks
    assert [(t.name, t.amount_wan, t.other_wan) for t in saved] == [
        ("机关运转", Decimal("3354.42"), None), ("审计专项补助经费", Decimal("198.18"), Decimal("200")),
        ("审计信息化建设", Decimal("50"), None)]
    change = table.events.get(action="edit").changes[0]
    assert change["place"] == "年度主要任务" and "审计信息化建设 50 50" in change["after"]
    # A sheet that does not carry the tasks (an older client's) leaves them as they are.
    sheet = sheet_of(table)
    del sheet["tasks"]
    sheet["texts"]["annual_goal"] = "完成审计项目不少于40个。"
    assert save(people[Role.FILLER], table, sheet, 2).status_code == 302
    assert len(from_record(Table.objects.get(pk=table.pk).record).tasks) == 3
    # A task's content over several lines comes back whole in the form (a text area, not a line).
    sheet = sheet_of(table)
    sheet["tasks"][0]["content"] = "人员经费\n公用经费"
    assert save(people[Role.FILLER], table, sheet, 3).status_code == 302
    form = people[Role.FILLER].get(reverse("table-edit", args=[table.pk])).content.decode()
    assert '<textarea data-field="content" rows="1" aria-label="主要内容">人员经费\n公用经费</textarea>' in form


def test_a_task_without_a_name_or_with_a_bad_amount_is_refused_by_place(people):
    table = imported(people, TASKS)[0]
    sheet = sheet_of(table)
    sheet["tasks"][0]["amount_wan"] = "三千"
    sheet["tasks"].append({"name": " ", "content": "无名的任务"})
    page = save(people[Role.FILLER], table, sheet, table.version).content.decode()
    assert "任务“机关运转”的预算金额应为以万元计的数字，而不是“三千”" in page and "年度主要任务第3行没有任务名称" in page
    assert Table.objects.get(pk=table.pk).version == 1


def test_adding_moving_and_deleting_indicators(people):
    table = imported(people)[0]
    sheet = sheet_of(table)
    first, second = sheet["indicators"][0], sheet["indicators"][1]
    deleted = sheet["indicators"].pop(2)
    sheet["indicators"][0], sheet["indicators"][1] = second, first
    sheet["indicators"].append({"origin": None, "level1": "产出指标", "level2": "数量指标", "name": "新增培训场次",
                                "half_year": "≥2场", "full_year": "≥5场"})
    assert save(people[Role.FILLER], table, sheet, table.version).status_code == 302
    table.refresh_from_db()
    names = [i.name for i in from_record(table.record).indicators]
    assert names[:2] == [second["name"], first["name"]] and names[-1] == "新增培训场次" and deleted["name"] not in names
    places = {c["place"] for c in table.events.get(action="edit").changes}
    assert f"指标“{deleted['name']}”" in places and "指标“新增培训场次”" in places
    assert f"指标“{first['name']}”的位置" in places


def test_a_bad_amount_is_refused_with_its_place_and_nothing_changes(people):
    table = imported(people)[0]
    sheet = sheet_of(table)
    sheet["header"]["year"] = "二〇二五"
    response = save(people[Role.FILLER], table, sheet, table.version)
    assert response.status_code == 200 and "年度应为四位数字" in response.content.decode()
    assert Table.objects.get(pk=table.pk).version == 1


def test_a_second_save_on_the_same_version_is_refused_and_the_work_is_kept(people):
    table = imported(people)[0]
    mine, theirs = sheet_of(table), sheet_of(table)
    theirs["indicators"][0]["full_year"] = "≥99"
    assert save(people[Role.HEAD], table, theirs, 1).status_code == 302
    mine["indicators"][0]["name"] = "我的修改"
    response = save(people[Role.FILLER], table, mine, 1)
    page = response.content.decode()
    assert response.status_code == 200 and "已被他人修改" in page
    assert "我的修改" in page  # the refused edit is shown again, not lost
    assert from_record(Table.objects.get(pk=table.pk).record).indicators[0].full_year.raw == "≥99"


def step(client: Client, table: Table, action: str, **data):
    return client.post(reverse("table-step", args=[table.pk, action]), data)


def test_the_workflow_from_draft_to_approval_and_adjustment(people):
    table = imported(people)[0]
    filler, head, reviewer = people[Role.FILLER], people[Role.HEAD], people[Role.REVIEWER]
    step(reviewer, table, "review")  # not submitted yet: refused
    assert Table.objects.get(pk=table.pk).status == Status.DRAFT
    step(filler, table, "submit")
    assert Table.objects.get(pk=table.pk).status == Status.SUBMITTED
    assert table.name in reviewer.get(reverse("queue")).content.decode()
    assert Notification.objects.filter(user__username="reviewer", read=False).exists()
    # a return needs a reason
    step(reviewer, table, "return")
    assert Table.objects.get(pk=table.pk).status == Status.SUBMITTED
    name = from_record(table.record).indicators[0].name
    step(reviewer, table, "return", reason_indicator=[name], reason_text=["目标值过低，请按上年完成值设定"])
    assert Table.objects.get(pk=table.pk).status == Status.RETURNED
    reason = Comment.objects.get(is_return_reason=True)
    assert reason.indicator == name
    notices = filler.get(reverse("notifications")).content.decode()
    assert "王审核退回了" in notices
    page = filler.get(reverse("table", args=[table.pk])).content.decode()
    assert "目标值过低" in page
    # the filler fixes and submits again; the reviewer passes and approves
    sheet = sheet_of(table)
    sheet["indicators"][0]["full_year"] = "≥20家"
    assert save(filler, table, sheet, Table.objects.get(pk=table.pk).version).status_code == 302
    step(filler, table, "submit")
    step(reviewer, table, "review")
    step(filler, table, "approve")  # not the filler's to approve
    assert Table.objects.get(pk=table.pk).status == Status.REVIEWED
    step(reviewer, table, "approve")
    table.refresh_from_db()
    assert table.status == Status.APPROVED and ApprovedVersion.objects.filter(table=table).count() == 1
    # an approved table cannot be edited; the head, not the filler, starts an adjustment
    assert filler.get(reverse("table-edit", args=[table.pk])).status_code == 403
    step(filler, table, "adjust")
    assert Table.objects.get(pk=table.pk).status == Status.APPROVED
    step(head, table, "adjust")
    table.refresh_from_db()
    assert table.status == Status.DRAFT and table.adjusting
    sheet = sheet_of(table)
    sheet["indicators"][0]["full_year"] = "≥25家"
    save(filler, table, sheet, table.version)
    approved = filler.get(reverse("table-approved", args=[table.pk, 1])).content.decode()
    assert "≥20家" in approved and "≥25家" not in approved
    actions = list(table.events.values_list("action", flat=True))
    assert actions == ["import", "submit", "return", "edit", "submit", "review", "approve", "adjust", "edit"]


def test_comments_on_an_indicator_notify_the_other_side(people):
    table = imported(people)[0]
    name = from_record(table.record).indicators[1].name
    people[Role.REVIEWER].post(reverse("table-comment", args=[table.pk]), {"text": "请说明测算依据", "indicator": name})
    comment = Comment.objects.get()
    assert comment.indicator == name and not comment.is_return_reason
    assert Notification.objects.filter(user__username="filler", text__contains="请说明测算依据").exists()
    assert not Notification.objects.filter(user__username="reviewer").exists()
    page = people[Role.FILLER].get(reverse("table", args=[table.pk])).content.decode()
    assert '<div class="finding remark"><b>意见 · 王审核</b> 请说明测算依据</div>' in page  # beside its indicator
    assert not Notification.objects.filter(user__username="filler", read=False).exists()  # read by opening the table


def test_opening_a_table_reads_its_notices_only_and_the_badge_counts_the_rest(people):
    first, second = imported(people)[:2]
    for table in (first, second, second):
        people[Role.REVIEWER].post(reverse("table-comment", args=[table.pk]), {"text": "请补充说明"})
    page = people[Role.FILLER].get(reverse("table", args=[second.pk])).content.decode()
    assert '<span class="badge">1</span>' in page  # the first table's notice, counted after the two were read
    unread = Notification.objects.filter(user__username="filler", read=False)
    assert list(unread.values_list("table_id", flat=True)) == [first.pk]
    page = people[Role.FILLER].get(reverse("table", args=[first.pk])).content.decode()
    assert 'class="badge"' not in page and not unread.exists()


def test_roles_are_read_again_on_every_page(people):
    table = imported(people)[0]
    reviewer = people[Role.REVIEWER]
    assert reviewer.get(reverse("table", args=[table.pk])).status_code == 200
    Membership.objects.filter(user__username="reviewer").delete()  # no longer a reviewer of the bureau
    assert reviewer.get(reverse("table", args=[table.pk])).status_code == 404
    assert table.name not in reviewer.get(reverse("tables")).content.decode()
    Membership.objects.create(user=Membership._meta.get_field("user").related_model.objects.get(username="reviewer"),
                              role=Role.FILLER, unit=people["unit"])  # now a filler of the table's unit
    assert "编辑" in reviewer.get(reverse("table", args=[table.pk])).content.decode()


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "json", "csv"])
def test_export_gives_the_file(people, fmt, tmp_path):
    table = imported(people)[0]
    response = people[Role.REVIEWER].get(reverse("table-export", args=[table.pk, fmt]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert len(body) > 100
    if fmt in ("xlsx", "docx", "html"):  # the official layout reads back with the same indicators
        path = tmp_path / f"t.{fmt}"
        path.write_bytes(body)
        back = parse_file(str(path))[0]
        assert [i.name for i in back.indicators] == [i.name for i in from_record(table.record).indicators]


def test_hostile_text_is_shown_as_text(people):
    table = imported(people)[0]
    sheet = sheet_of(table)
    sheet["indicators"][0]["name"] = '<script>alert("x")</script>'
    sheet["header"]["project"] = '<img src=x onerror=alert(1)>'
    sheet["indicators"][1]["full_year"] = '"><svg onload=alert(2)>'
    sheet["texts"]["other"] = "</textarea><script>alert(3)</script>"
    save(people[Role.FILLER], table, sheet, table.version)
    people["unit"].name = "<i>单位</i>"
    people["unit"].save()
    people[Role.REVIEWER].post(reverse("table-comment", args=[table.pk]), {"text": "<b>粗体</b>"})
    addresses = (reverse("table", args=[table.pk]), reverse("tables"), reverse("table-history", args=[table.pk]),
                 reverse("table-edit", args=[table.pk]), reverse("notifications"))
    for address in addresses:
        page = people[Role.FILLER].get(address).content.decode()
        for hostile in ("<script>alert", "<img src=x", "<b>粗体</b>", "<svg onload", "<i>单位</i>", "</textarea><script>"):
            assert hostile not in page, (address, hostile)
        assert "&lt;script&gt;" in page or "&lt;img" in page


def test_a_nul_character_anywhere_is_refused_in_chinese_and_changes_nothing(people):
    """PostgreSQL's text cannot hold U+0000: a search, comment or edit carrying one ended in a
    server error there, and SQLite kept it. Now refused (400) on both, page or API, in a field
    or in the JSON a field or a body carries, before anything is read or written."""
    table = imported(people, NANTONG)[0]
    filler, reviewer = people[Role.FILLER], people[Role.REVIEWER]
    sheet = sheet_of(table)
    sheet["indicators"][0]["full_year"] = "≥1\x00个"
    answers = [
        reviewer.get(reverse("tables"), {"q": "满意\x00度"}),
        reviewer.post(reverse("table-comment", args=[table.pk]), {"text": "请补充\x00成本指标"}),
        save(filler, table, sheet, table.version),
        filler.post(reverse("table-step", args=[table.pk, "submit"]), {"note": "\x00"}),
    ]
    for response in answers:
        assert response.status_code == 400
        assert "请求中含有空字符（U+0000），无法处理" in response.content.decode()
    api = [reviewer.get("/api/tables", {"q": "\x00"}),
           reviewer.post(f"/api/tables/{table.pk}/comments", json.dumps({"text": "a\u0000b"}),
                         content_type="application/json")]
    for response in api:
        assert response.status_code == 400 and "空字符" in response.json()["detail"]
    after = Table.objects.get(pk=table.pk)
    assert (after.version, after.status, after.record) == (table.version, table.status, table.record)
    assert not Comment.objects.exists()
    # What only looks like one is kept as typed: the six characters \u0000 in a comment.
    assert reviewer.post(reverse("table-comment", args=[table.pk]), {"text": "\\u0000 不是空字符"}).status_code == 302
    assert Comment.objects.get().text == "\\u0000 不是空字符"


def test_the_list_filters_and_searches(people):
    tables = imported(people, NANTONG)
    reader = people[Role.REVIEWER]
    assert "共 12 张表" in reader.get(reverse("tables")).content.decode()
    assert "共 12 张表" in reader.get(reverse("tables"), {"year": "2026"}).content.decode()
    assert "共 0 张表" in reader.get(reverse("tables"), {"year": "2025"}).content.decode()
    found = reader.get(reverse("tables"), {"q": "物业"}).content.decode()
    assert "共 1 张表" in found and "物业管理费" in found
    # An indicator's name or target found, Latin letters in any case, after an edit as after an import.
    sheet = sheet_of(tables[0])
    sheet["indicators"][0]["name"] = "R&D经费投入强度"
    sheet["indicators"][0]["full_year"] = "≥2.5%"
    save(people[Role.FILLER], tables[0], sheet, tables[0].version)
    for typed in ("r&d经费", "R&D", "≥2.5%", tables[0].name[:4]):
        found = reader.get(reverse("tables"), {"q": typed}).content.decode()
        assert "共 1 张表" in found or typed == tables[0].name[:4], typed
        assert f'href="/tables/{tables[0].pk}/"' in found, typed
    assert "共 0 张表" in reader.get(reverse("tables"), {"q": "r&d经费投入强度高"}).content.decode()
    assert "共 0 张表" in reader.get(reverse("tables"), {"status": "approved"}).content.decode()


def test_the_search_finds_a_word_in_exactly_the_tables_with_a_text_that_holds_it(people, django_user_model):
    """The same answers on both databases: PostgreSQL's from its index of words, SQLite's by
    LIKE. Pieces of every length around the four characters the index keeps, from the
    tables' names, indicators and targets; Latin letters in either case."""
    tables = imported(people, NANTONG)
    reviewer = django_user_model.objects.get(username=Role.REVIEWER)
    texts = {t.pk: Table.objects.get(pk=t.pk).search_text.split("\n") for t in tables}
    tried = set()
    for lines in texts.values():
        for line in lines:
            for start in (0, 3):
                for size in (1, 2, 4, 5, 8):
                    if len(line) >= start + size:
                        tried.add(line[start:start + size])
    assert len(tried) > 300
    for word in sorted(tried):
        holding = {pk for pk, lines in texts.items() if any(word in line for line in lines)}
        found = queries.filtered(reviewer, {"q": word.lower()}).values_list("id", flat=True)
        assert set(found) == holding, word


def test_a_long_word_is_found_whole_not_by_its_pieces_and_never_across_two_texts(people, django_user_model):
    """A word longer than the index's pieces is looked up by pieces that cover it and then
    tested on the text: a table holding each piece in a different text does not hold the word."""
    table = imported(people, NANTONG)[0]
    sheet = sheet_of(table)
    sheet["indicators"][0]["name"], sheet["indicators"][1]["name"] = "ABCD项目X", "YBCDE项目"
    assert save(people[Role.FILLER], table, sheet, table.version).status_code == 302
    reviewer = django_user_model.objects.get(username=Role.REVIEWER)

    def found(word: str) -> list[int]:
        return list(queries.filtered(reviewer, {"q": word}).values_list("id", flat=True))

    assert found("abcd") == found("bcde") == found("ybcde项目") == [table.pk]
    assert found("ABCDE") == found("ABCD项目X\nYBCDE") == found("项目XYBCD") == []


def test_a_search_finds_only_what_the_person_may_see(people, django_user_model):
    """The search's own reading of the scope (access.visible_tables_by_unit on PostgreSQL)
    gives what the list gives: a unit's people their unit's, a reviewer the units their
    bureau reviews, an administrator all, a person with no role nothing."""
    ours = imported(people, NANTONG)
    bureau = FinanceBureau.objects.create(name="常州市财政局")
    other = Unit.objects.create(name="常州市科学技术局", authority=Authority.objects.create(name="常州市科学技术局", bureau=bureau))
    filler = django_user_model.objects.create_user("other-filler")
    Membership.objects.create(user=filler, role=Role.FILLER, unit=other)
    read = parse_file(NANTONG)
    for table in read:
        table.source = NANTONG.name  # as an upload names it (store.read_upload)
    theirs = store.create_tables(filler, other, read, NANTONG.name)
    reviewer = django_user_model.objects.create_user("other-reviewer")
    Membership.objects.create(user=reviewer, role=Role.REVIEWER, bureau=bureau)
    admin = django_user_model.objects.create_user("admin-person")
    Membership.objects.create(user=admin, role=Role.ADMIN)
    django_user_model.objects.create_user("nobody")
    word = "明确"
    mine = {t.pk for t in ours if word in Table.objects.get(pk=t.pk).search_text}
    yours = {t.pk for t in theirs if word in Table.objects.get(pk=t.pk).search_text}
    assert mine and yours
    for person, expected in ((Role.FILLER, mine), (Role.HEAD, mine), (Role.REVIEWER, mine), ("other-filler", yours),
                              ("other-reviewer", yours), ("admin-person", mine | yours), ("nobody", set())):
        user = django_user_model.objects.get(username=person)
        assert set(queries.filtered(user, {"q": word}).values_list("id", flat=True)) == expected, person
        assert set(queries.filtered(user, {"q": word, "unit": str(other.pk)}).values_list("id", flat=True)) == (
            expected & yours), person


def test_a_long_word_is_sought_by_pieces_that_cover_it(db):
    assert words.sought("满意度") == ["满意度"]
    assert words.sought("社会公众满意度") == ["社会公众", "众满意度"]
    assert words.sought("12345678") == ["1234", "5678"]


def test_postgresql_keeps_each_tables_pieces_of_up_to_four_characters_through_every_write(people):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index")
    table = imported(people, NANTONG)[0]
    sheet = sheet_of(table)
    sheet["indicators"][0]["name"] = "ABCDE"
    assert save(people[Role.FILLER], table, sheet, table.version).status_code == 302
    assert people[Role.FILLER].post(reverse("table-step", args=[table.pk, "submit"])).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {words.COLUMN} FROM tables_table WHERE id = %s", [table.pk])
        pieces = set(cursor.fetchone()[0])
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'tables_table'")
        indexes = {name for (name,) in cursor.fetchall()}
    line = ["A", "B", "C", "D", "E", "AB", "BC", "CD", "DE", "ABC", "BCD", "CDE", "ABCD", "BCDE"]
    assert pieces.issuperset(line) and "ABCDE" not in pieces  # words.PIECE
    assert not any("\n" in piece for piece in pieces)  # each text apart
    assert {table.name[:4], table.name[1:3], table.name[-1]} <= pieces  # and the name's
    assert "table_search_words" in indexes and "table_search_trgm" not in indexes


def test_the_list_pages_newest_first(people, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    tables = imported(people, NANTONG)  # 12 tables
    now = timezone.now()
    for hours, table in enumerate(tables):
        Table.objects.filter(pk=table.pk).update(updated_at=now - timedelta(hours=hours))
    Table.objects.filter(pk=tables[7].pk).update(updated_at=now - timedelta(hours=6))  # as old as tables[6]
    newest = [t.pk for t in tables[:6]] + [tables[7].pk, tables[6].pk] + [t.pk for t in tables[8:]]  # a tie: higher id first
    reader = people[Role.REVIEWER]

    def shown(page: str | None) -> tuple[str, list[int]]:
        text = reader.get(reverse("tables"), {"page": page} if page else {}).content.decode()
        return text, [int(pk) for pk in re.findall(r'href="/tables/(\d+)/"', text)]

    first, ids = shown(None)
    assert "共 12 张表" in first and "第 1 / 3 页" in first and ids == newest[:5]
    second, ids = shown("2")
    assert "共 12 张表" in second and "第 2 / 3 页" in second and ids == newest[5:10]
    for past_the_end in ("3", "9"):
        last, ids = shown(past_the_end)
        assert "第 3 / 3 页" in last and ids == newest[10:]
    assert shown("abc")[1] == newest[:5]


def test_an_import_gathers_sqlites_statistics_when_the_tables_have_grown(people, django_capture_on_commit_callbacks):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum gathers them")

    def counted() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'tables_table' AND idx = 'table_list_filters'")
            found = cursor.fetchone()
            return found[0].split()[0] if found else ""

    def set_counted(stat: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
            if stat:
                cursor.execute("INSERT INTO sqlite_stat1 VALUES ('tables_table', 'table_list_filters', %s)", [stat])

    set_counted("")  # a new installation: none
    with django_capture_on_commit_callbacks(execute=True):
        imported(people, NANTONG)
    assert counted() == "12"  # the 12 tables
    set_counted("100 1")
    with django_capture_on_commit_callbacks(execute=True):
        imported(people, NANTONG)  # 24 tables: not a quarter more than the 100 counted
    assert counted() == "100"
    set_counted("16 1")
    with django_capture_on_commit_callbacks(execute=True):
        imported(people, NANTONG)  # 36 tables: more than a quarter more than 16
    assert counted() == "36"


def test_the_lists_year_choices_follow_an_import_and_an_edit_at_once(people, django_capture_on_commit_callbacks):
    reader = people[Role.REVIEWER]
    with django_capture_on_commit_callbacks(execute=True):
        imported(people, NANTONG)

    def years() -> list[str]:
        return re.findall(r'<option value="(\d{4})"', reader.get(reverse("tables")).content.decode())

    assert years() == ["2026"]  # now kept in the cache
    with django_capture_on_commit_callbacks(execute=True):
        table = imported(people, JIANGYIN)[-1]  # 2025
    assert years() == ["2026", "2025"]
    sheet = sheet_of(table)
    sheet["header"]["year"] = "2027"
    with django_capture_on_commit_callbacks(execute=True):
        assert save(people[Role.FILLER], table, sheet, table.version).status_code == 302
    assert Table.objects.get(pk=table.pk).year == 2027
    assert years() == ["2027", "2026", "2025"]


def test_sqlites_search_index_outlives_the_migrations(db):
    """Made by migration 0004 outside Django's knowledge of the model: a later migration that
    rebuilds the table on SQLite would drop it, and every search would read each row."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'table_search_sqlite'")
        assert '"search_text"' in cursor.fetchone()[0]


def test_the_review_is_stored_with_the_table_and_made_again_when_the_code_changed(people):
    tables = imported(people, NANTONG)
    for table in tables:
        fresh = review(store.table_of(table))
        assert table.reviewed_with == rules_fingerprint()
        assert [f[0] for f in table.findings] == [f.rule.code for f in fresh.findings]
        stored = store.review_of(table)
        assert (stored.findings, stored.score, stored.grade) == (fresh.findings, fresh.score, fresh.grade)
    table = next(t for t in tables if t.findings)
    page = people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
    message = table.findings[0][1]
    assert html.escape(message, quote=False) in page
    # What the page shows is what was stored, not a review made again.
    Table.objects.filter(pk=table.pk).update(findings=[[table.findings[0][0], "（保存时的发现）", None, None, None]])
    assert "（保存时的发现）" in people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
    # Stored by other code, or naming a rule that no longer exists: the table is reviewed again.
    Table.objects.filter(pk=table.pk).update(reviewed_with="0" * 16, findings=[])
    assert store.review_of(Table.objects.get(pk=table.pk)).findings == review(store.table_of(table)).findings
    Table.objects.filter(pk=table.pk).update(findings=[["JX999", "旧规则", None, None, None]])
    assert store.review_of(Table.objects.get(pk=table.pk)).findings == review(store.table_of(table)).findings


def test_the_target_check_reads_the_value_grammar(people):
    answer = people[Role.FILLER].get(reverse("target-check"), {"text": "≥1500家"}).json()
    assert answer["ok"] and answer["comparator"] == "≥" and answer["value"] == "1500" and answer["unit"] == "家"
    assert not people[Role.FILLER].get(reverse("target-check"), {"text": "大力推进"}).json()["ok"]


def test_an_upload_above_the_command_lines_limit_is_refused(people, monkeypatch):
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "1")
    big = SimpleUploadedFile("大文件.txt", NANTONG.read_bytes() + b" " * (1024 * 1024))
    page = people[Role.FILLER].post(reverse("import"), {"file": big, "unit": people["unit"].pk}).content.decode()
    assert "大文件.txt：文件有 1 MB，超过上限 1 MB" in page
    assert Table.objects.count() == 0 and PendingImport.objects.count() == 0


def test_hostile_file_contents_are_shown_as_text(people, tmp_path):
    text = JIANGYIN.read_text(encoding="utf-8").replace("举行科技沙龙", '<script>alert("沙龙")</script>')
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(text, encoding="utf-8")
    response = upload(people[Role.FILLER], hostile, people["unit"])
    preview = people[Role.FILLER].get(response["Location"]).content.decode()
    assert "<script>alert" not in preview and "&lt;script&gt;alert" in preview
    people[Role.FILLER].post(response["Location"], {"confirm": "1"})
    for table in Table.objects.all():
        page = people[Role.REVIEWER].get(reverse("table", args=[table.pk])).content.decode()
        assert "<script>alert" not in page
    assert any("&lt;script&gt;alert" in people[Role.REVIEWER].get(reverse("table", args=[t.pk])).content.decode()
               for t in Table.objects.all())


def test_bulk_import_takes_one_file_at_a_time_and_says_how_each_went(people):
    filler = people[Role.FILLER]
    assert "批量导入" in filler.get(reverse("bulk-import")).content.decode()
    good = filler.post(reverse("bulk-import"), {"file": SimpleUploadedFile(NANTONG.name, NANTONG.read_bytes()),
                                                "unit": people["unit"].pk}).json()
    assert good["ok"] and len(good["tables"]) == 12 and good["file"] == NANTONG.name
    bad = filler.post(reverse("bulk-import"), {"file": SimpleUploadedFile("坏.docx", b"PK\x03\x04broken"),
                                               "unit": people["unit"].pk}).json()
    assert not bad["ok"] and bad["file"] == "坏.docx" and bad["error"]
    assert Table.objects.count() == 12
    refused = people[Role.REVIEWER].post(reverse("bulk-import"), {"file": SimpleUploadedFile("a.txt", b"x")})
    assert refused.status_code == 403
