"""Who may open what (issue 13, point 3), as one bundle: every named address of the web
application, for every role and for a visitor who has not signed in, with the answer it must
give. A view added without its line here fails the first test."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit

pytestmark = pytest.mark.django_db

VISITOR = "visitor"
PEOPLE = (VISITOR, *Role.values)
SIGN_IN = "sign-in"  # redirected to the login page

# address name → what each kind of person gets: a status code, or SIGN_IN.
EXPECTED: dict[str, dict[str, int | str]] = {
    "login": dict.fromkeys(PEOPLE, 200) | dict.fromkeys(Role.values, 302),  # signed in: sent on home
    "home": {VISITOR: SIGN_IN} | dict.fromkeys(Role.values, 200),
    "logout": dict.fromkeys(PEOPLE, 405),  # only a POST signs out (no sign-out by a link in a mail)
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


@pytest.fixture
def clients(client, django_user_model):
    """A signed-in client per role, and a visitor's."""
    from django.test import Client

    bureau = FinanceBureau.objects.create(name="江阴市财政局")
    unit = Unit.objects.create(name="江阴市科学技术局（机关）",
                               authority=Authority.objects.create(name="江阴市科学技术局", bureau=bureau))
    places = {Role.FILLER: {"unit": unit}, Role.HEAD: {"unit": unit}, Role.REVIEWER: {"bureau": bureau}, Role.ADMIN: {}}
    people = {VISITOR: client}
    for role, place in places.items():
        person = django_user_model.objects.create_user(f"{role}-person", password="x")
        Membership.objects.create(user=person, role=role, **place)
        signed_in = Client()
        signed_in.force_login(person)
        people[role] = signed_in
    return people


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_person_gets_what_the_bundle_says(name, clients):
    for person, expected in EXPECTED[name].items():
        response = clients[person].get(reverse(name))
        if expected == SIGN_IN:
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), person
        else:
            assert response.status_code == expected, (name, person)
