"""Who may open what (issue 13, point 3), as one bundle: every named address of the web
application, for every role, for people of another unit and another finance bureau, and for a
visitor who has not signed in, with the answer it must give. A view added without its line
here fails the first test.

The addresses that change something answer GET with 405; who may make the change itself is
tested in test_web_tables.py, step by step."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.api import parse_file
from jixiao.record import to_record
from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit
from jixiao.web.tables.models import ApprovedVersion, PendingImport, Table

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
}


def _names(patterns) -> set[str]:
    found: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
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
        person = users[name] = django_user_model.objects.create_user(f"{name}-person", password="x")
        Membership.objects.create(user=person, role=role, **where)
        signed_in = Client()
        signed_in.force_login(person)
        people[name] = signed_in
    record = seed_record()
    table = Table.objects.create(unit=unit, year=2025, kind="project", stage="target", name="科技创新专项",
                                 record=record, score=100, grade="优")
    ApprovedVersion.objects.create(table=table, number=1, record=record, approved_by=users[Role.REVIEWER])
    pending = PendingImport.objects.create(user=users[Role.FILLER], unit=unit, file_name="a.txt", records=[])
    return people, {"table": str(table.pk), "pending": str(pending.pk)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_person_gets_what_the_bundle_says(name, world):
    people, things = world
    args, answers = EXPECTED[name]
    address = reverse(name, args=[things.get(a, a) for a in args])
    for person, expected in answers.items():
        response = people[person].get(address)
        if expected == SIGN_IN:
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), person
        else:
            assert response.status_code == expected, (name, person, response.status_code)


# What a POST to each address that changes a table gives, before any content is looked at:
# the outsiders' answer is 404 whatever they send, and nothing changes.
POSTED: dict[str, tuple[tuple[str, ...], dict[str, int | str]]] = {
    "table-edit": (("table",), table_page(400, editors_only=True)),  # 400: an empty form, for those who may edit
    "table-step": (("table", "submit"), table_page(302)),  # refused steps are said on the table's page
    "table-comment": (("table",), table_page(302)),
}


@pytest.mark.parametrize("name", sorted(POSTED))
def test_changes_from_outside_are_refused(name, world):
    people, things = world
    args, answers = POSTED[name]
    address = reverse(name, args=[things.get(a, a) for a in args])
    for person, expected in answers.items():
        before = Table.objects.values().get()
        response = people[person].post(address, {})
        if expected == SIGN_IN:
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), person
        else:
            assert response.status_code == expected, (name, person, response.status_code)
        if person not in (Role.FILLER, Role.HEAD):
            assert Table.objects.values().get() == before, person
