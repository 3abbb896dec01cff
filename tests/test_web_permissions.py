"""Who may open what (issue 13, point 3), as one bundle: every named address of the web
application, for every role, for people of another unit and another finance bureau, and for a
visitor who has not signed in, with the answer it must give. A view added without its line
here fails the first test.

The addresses that change something answer GET with 405; who may make the change itself is
tested in test_web_tables.py, step by step.

The HTTP API (issue 13, point 7) has its own bundle below: every operation of its OpenAPI
document, for the same people, signed in by session and by token, with the answer it must
give; an operation added without its line fails test_every_api_operation_is_written_down."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.api import parse_file
from jixiao.editing import to_sheet
from jixiao.record import from_record, to_record
from jixiao.web.accounts.models import ApiToken, Authority, FinanceBureau, Membership, Role, Unit
from jixiao.web.api import NAMESPACE as API_NAMESPACE
from jixiao.web.api import api
from jixiao.web.monitoring.models import ActualValue, Spending
from jixiao.web.tables.models import ApprovedVersion, Comment, Event, PendingImport, Status, Table

pytestmark = pytest.mark.django_db

VISITOR = "visitor"
OTHER_FILLER = "other-unit-filler"  # a filler of a unit of another bureau
OTHER_REVIEWER = "other-bureau-reviewer"
PEOPLE = (VISITOR, *Role.values, OTHER_FILLER, OTHER_REVIEWER)
SIGNED_IN = (*Role.values, OTHER_FILLER, OTHER_REVIEWER)
SIGN_IN = "sign-in"  # redirected to the login page
IN_SCOPE = (Role.FILLER, Role.HEAD, Role.REVIEWER, Role.ADMIN)
OUTSIDERS = (OTHER_FILLER, OTHER_REVIEWER)


def everyone(status: int) -> dict[str, int | str]:
    return {VISITOR: SIGN_IN} | dict.fromkeys(SIGNED_IN, status)


def table_page(inside: int, editors_only: bool = False) -> dict[str, int | str]:
    """A page of one table: 404 outside the table's unit and bureau, so ids reveal nothing."""
    answer = everyone(404) | dict.fromkeys(IN_SCOPE, inside)
    if editors_only:
        answer |= {Role.REVIEWER: 403, Role.ADMIN: 403}
    return answer


UNIT_PEOPLE = {Role.FILLER: 200, Role.HEAD: 200, OTHER_FILLER: 200}

# address name → (its arguments, what each kind of person gets: a status code, or SIGN_IN).
EXPECTED: dict[str, tuple[tuple[str, ...], dict[str, int | str]]] = {
    "login": ((), dict.fromkeys(PEOPLE, 200) | dict.fromkeys(SIGNED_IN, 302)),  # signed in: sent on home
    "home": ((), everyone(200)),
    "logout": ((), dict.fromkeys(PEOPLE, 405)),  # only a POST signs out (no sign-out by a link in a mail)
    "tables": ((), everyone(200)),
    "table": (("table",), table_page(200)),
    "table-edit": (("table",), table_page(200, editors_only=True)),
    "table-step": (("table", "submit"), everyone(405)),
    "table-comment": (("table",), everyone(405)),
    "table-history": (("table",), table_page(200)),
    "table-export": (("table", "json"), table_page(200)),
    "table-approved": (("table", "1"), table_page(200)),
    "target-check": ((), everyone(200)),
    "import": ((), everyone(403) | UNIT_PEOPLE),
    "import-preview": (("pending",), everyone(404) | {Role.FILLER: 200}),  # only the person who uploaded
    "bulk-import": ((), everyone(403) | UNIT_PEOPLE),
    "queue": ((), everyone(403) | {Role.REVIEWER: 200, OTHER_REVIEWER: 200}),
    "notifications": ((), everyone(200)),
    # Monitoring and self-evaluation (issue 14), on an approved table: everyone who sees it reads
    # (the checkpoint page read-only for reviewers and the administrator); the unit enters values.
    "actuals": (("approved", "6"), table_page(200)),
    "actuals-check": (("approved",), table_page(400)),  # 400: no indicator named in the query
    "actuals-import": (("approved",), everyone(405)),
    "actuals-template": (("approved", "csv"), table_page(200)),
    "monitoring": (("approved",), table_page(200)),
    "evaluation": (("approved",), table_page(200)),
    "evaluation-export": (("approved", "html"), table_page(200)),
    # A finance bureau's dashboard and settings: its reviewers, and the administrator for every bureau.
    "dashboard": ((), everyone(403) | {Role.REVIEWER: 200, Role.ADMIN: 200, OTHER_REVIEWER: 200}),
    "bureau-settings": (("bureau",), everyone(403) | {Role.REVIEWER: 200, Role.ADMIN: 200, OTHER_REVIEWER: 404}),
}


def _names(patterns) -> set[str]:
    found: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != API_NAMESPACE:  # the API's operations: API_EXPECTED below
                found |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add(pattern.name)
    return found


def test_every_address_has_its_permissions_written_down():
    assert _names(get_resolver().url_patterns) == set(EXPECTED)


@cache
def seed_record() -> dict:
    seed = Path(__file__).resolve().parents[1] / "examples" / "seeds" / "000_291eb2953e7b1f6f.txt"
    return to_record(parse_file(str(seed))[0])


def place(city: str) -> tuple[FinanceBureau, Unit]:
    bureau = FinanceBureau.objects.create(name=f"{city}财政局")
    authority = Authority.objects.create(name=f"{city}科学技术局", bureau=bureau)
    return bureau, Unit.objects.create(name=f"{city}科学技术局（机关）", authority=authority)


@pytest.fixture
def world(client, django_user_model):
    """A signed-in client per role and per outsider, a visitor's, and the things they open."""
    bureau, unit = place("江阴市")
    other_bureau, other_unit = place("南通市")
    places = {Role.FILLER: (Role.FILLER, {"unit": unit}), Role.HEAD: (Role.HEAD, {"unit": unit}),
              Role.REVIEWER: (Role.REVIEWER, {"bureau": bureau}), Role.ADMIN: (Role.ADMIN, {}),
              OTHER_FILLER: (Role.FILLER, {"unit": other_unit}), OTHER_REVIEWER: (Role.REVIEWER, {"bureau": other_bureau})}
    people = {VISITOR: client}
    users = {}
    for name, (role, where) in places.items():
        person = users[name] = django_user_model.objects.create_user(f"{name}-person")  # no password: no hashing
        Membership.objects.create(user=person, role=role, **where)
        signed_in = Client()
        signed_in.force_login(person)
        people[name] = signed_in
    record = seed_record()
    table = Table.objects.create(unit=unit, year=2025, kind="project", stage="target", name="科技创新专项",
                                 record=record, score=100, grade="优")
    ApprovedVersion.objects.create(table=table, number=1, record=record, approved_by=users[Role.REVIEWER])
    pending = PendingImport.objects.create(user=users[Role.FILLER], unit=unit, file_name="a.txt", records=[])
    done = Table.objects.create(unit=unit, year=2025, kind="project", stage="target", name="已批复的表",
                                record=record, score=100, grade="优", status=Status.APPROVED)
    ApprovedVersion.objects.create(table=done, number=1, record=record, approved_by=users[Role.REVIEWER])
    return people, {"table": str(table.pk), "pending": str(pending.pk), "approved": str(done.pk), "bureau": str(bureau.pk)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_person_gets_what_the_bundle_says(name, world):
    people, things = world
    args, answers = EXPECTED[name]
    address = reverse(name, args=[things.get(a, a) for a in args])
    for person, expected in answers.items():
        check(people[person].get(address), expected, name, person)


def check(response, expected: int | str, name: str, person: str) -> None:  # noqa: ANN001 (a test response)
    if expected == SIGN_IN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), (name, person)
    else:
        assert response.status_code == expected, (name, person, response.status_code)


# What a POST to each address that changes a table gives, before any content is looked at:
# the outsiders' answer is 404 whatever they send, and nothing changes.
POSTED: dict[str, tuple[tuple[str, ...], dict[str, int | str]]] = {
    "table-edit": (("table",), table_page(400, editors_only=True)),  # 400: an empty form, for those who may edit
    "table-step": (("table", "submit"), table_page(302)),  # refused steps are said on the table's page
    "table-comment": (("table",), table_page(302)),
    # an empty checkpoint saves nothing new and goes back to the page; an import without a file says so there
    "actuals": (("approved", "6"), table_page(302) | {Role.REVIEWER: 403, Role.ADMIN: 403}),
    "actuals-import": (("approved",), table_page(302) | {Role.REVIEWER: 403, Role.ADMIN: 403}),
    "bureau-settings": (("bureau",), everyone(403) | {Role.REVIEWER: 302, Role.ADMIN: 302, OTHER_REVIEWER: 404}),
}


@pytest.mark.parametrize("name", sorted(POSTED))
def test_changes_from_outside_are_refused(name, world):
    people, things = world
    args, answers = POSTED[name]
    address = reverse(name, args=[things.get(a, a) for a in args])
    for person, expected in answers.items():
        before = _state()
        check(people[person].post(address, {}), expected, name, person)
        if person not in (Role.FILLER, Role.HEAD):
            assert _state() == before, person


# ---- the HTTP API -------------------------------------------------------------------------

def api_everyone(status: int) -> dict[str, int]:
    return {VISITOR: 401} | dict.fromkeys(SIGNED_IN, status)


def api_table(inside: int, editors: int | None = None) -> dict[str, int]:
    """An operation on one table: 404 outside the table's unit and bureau, as the pages."""
    answer = api_everyone(404) | dict.fromkeys(IN_SCOPE, inside)
    if editors is not None:
        answer |= {Role.REVIEWER: 403, Role.ADMIN: 403, Role.FILLER: editors, Role.HEAD: editors}
    return answer


def _seed_file() -> SimpleUploadedFile:
    seed = Path(__file__).resolve().parents[1] / "examples" / "seeds" / "000_291eb2953e7b1f6f.txt"
    return SimpleUploadedFile(seed.name, seed.read_bytes())


def _edited_sheet(things) -> dict:
    sheet = to_sheet(from_record(seed_record()))
    sheet["indicators"][0]["full_year"] = "≥12家"
    return {"version": 1, "sheet": sheet}


# (method, path as the OpenAPI document writes it) → (its arguments, what it sends, what each
# person gets). Each person's request is undone afterwards, so that everyone meets the same
# draft table: the filler's submit does not stop the head's.
API_EXPECTED: dict[tuple[str, str], tuple[dict[str, str], object, dict[str, int]]] = {
    ("GET", "/api/me"): ({}, None, api_everyone(200)),
    ("GET", "/api/tables"): ({}, None, api_everyone(200)),
    # only into one's own unit: the other unit's filler names ours and is refused
    ("POST", "/api/tables"): ({}, lambda t: {"file": _seed_file(), "unit": t["unit"]},
                              api_everyone(403) | {Role.FILLER: 201, Role.HEAD: 201}),
    ("GET", "/api/tables/{pk}"): ({"pk": "table"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/approved/{number}"): ({"pk": "table", "number": "1"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/export/{fmt}"): ({"pk": "table", "fmt": "json"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/indicators"): ({"pk": "table"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/findings"): ({"pk": "table"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/sheet"): ({"pk": "table"}, None, api_table(200)),
    ("PUT", "/api/tables/{pk}/sheet"): ({"pk": "table"}, _edited_sheet, api_table(200, editors=200)),
    ("POST", "/api/tables/{pk}/steps/{action}"): ({"pk": "table", "action": "submit"}, {},
                                                  api_table(403) | {Role.FILLER: 200, Role.HEAD: 200}),
    ("GET", "/api/tables/{pk}/history"): ({"pk": "table"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/comments"): ({"pk": "table"}, None, api_table(200)),
    ("POST", "/api/tables/{pk}/comments"): ({"pk": "table"}, {"text": "请补充测算依据"}, api_table(201) | {Role.ADMIN: 403}),
    ("GET", "/api/notifications"): ({}, None, api_everyone(200)),
    ("POST", "/api/notifications/read"): ({}, {}, api_everyone(200)),
    ("GET", "/api/targets/check"): ({}, None, api_everyone(200)),
    # monitoring and self-evaluation of the approved table
    ("GET", "/api/tables/{pk}/actuals"): ({"pk": "approved"}, None, api_table(200)),
    ("PUT", "/api/tables/{pk}/actuals/{month}"): (
        {"pk": "approved", "month": "6"},
        {"indicators": [{"index": 0, "value": "达成年度指标"}], "spending": [{"source": "合计", "spent_wan": "10"}]},
        api_table(403) | {Role.FILLER: 200, Role.HEAD: 200}),
    ("GET", "/api/tables/{pk}/monitoring"): ({"pk": "approved"}, None, api_table(200)),
    ("GET", "/api/tables/{pk}/evaluation"): ({"pk": "approved"}, None, api_table(200)),
}
API_PAGES = {"openapi-json", "openapi-view", "api-root"}  # the document, its page, the root (404)


def _operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    return {(method.upper(), path) for path, methods in paths.items() for method in methods}


def test_every_api_operation_is_written_down():
    assert _operations() == set(API_EXPECTED)
    # and none is left out of the document (include_in_schema=False): one address per operation
    patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == API_NAMESPACE).url_patterns
    assert len([p for p in patterns if p.name not in API_PAGES]) == len(API_EXPECTED)


def _token_clients(people: dict) -> dict:
    """The same people as scripts: a token each, sent as Authorization: Bearer."""
    scripts = {VISITOR: Client()}
    for name in SIGNED_IN:
        user = Membership.objects.get(user__username=f"{name}-person").user
        _, token = ApiToken.issue(user, "测试")
        scripts[name] = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return scripts


@pytest.mark.parametrize("auth", ["session", "token"])
@pytest.mark.parametrize("operation", sorted(API_EXPECTED), ids=" ".join)
def test_each_person_gets_what_the_api_bundle_says(operation, auth, world):
    people, things = world
    things = things | {"unit": str(Table.objects.get(pk=things["table"]).unit_id)}
    clients = people if auth == "session" else _token_clients(people)
    method, template = operation
    args, body, answers = API_EXPECTED[operation]
    address = template.format(**{key: things.get(value, value) for key, value in args.items()})
    for person, expected in answers.items():
        with transaction.atomic():
            before = _state()
            sent = body(things) if callable(body) else body
            client = clients[person]
            if method == "GET":
                response = client.get(address)
            elif method == "POST" and isinstance(sent, dict) and "file" in sent:
                response = client.post(address, sent)  # multipart
            else:
                response = client.generic(method, address, json.dumps(sent or {}), content_type="application/json")
            changed = _state() != before
            transaction.set_rollback(True)
        assert response.status_code == expected, (operation, auth, person, response.status_code, response.content[:300])
        if expected >= 400:
            assert "application/json" in response["Content-Type"]
            assert response.json()["detail"], person
            assert not changed, person


def _state() -> tuple:
    """What a refused call must leave as it was: the tables, their history and comments, the
    actual values and the bureaus' settings."""
    return (list(Table.objects.order_by("id").values()), Event.objects.count(), Comment.objects.count(),
            ActualValue.objects.count(), Spending.objects.count(),
            list(FinanceBureau.objects.order_by("id").values_list("monitoring_settings", flat=True)))


@pytest.mark.parametrize("address", ["/api/openapi.json", "/api/docs"])
def test_the_api_document_is_open_to_everyone(address, world):
    people, _ = world
    for person, client in people.items():
        assert client.get(address).status_code == 200, person
