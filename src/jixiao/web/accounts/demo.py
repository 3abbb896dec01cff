"""The demonstration organisation and people that `make run` creates (the `demo` command): three
cities, each with a finance bureau, its science and technology bureau as the authority, one unit
under it, a filler and a head in the unit, a reviewer in the bureau; and one administrator.
Everything is made only where it is missing, so running it again changes nothing, and a password
someone changed stays changed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from jixiao.web.accounts.models import Authority, FinanceBureau, Membership, Role, Unit

# The one password of every demonstration account, printed by `demo`: never for real people.
DEMO_PASSWORD = "jixiao2026"

# city key → finance bureau, authority, unit, and the full names of its filler, head and reviewer.
CITIES = {
    "jiangyin": ("江阴市财政局", "江阴市科学技术局", "江阴市科学技术局（机关）", ("周敏", "陈建国", "钱颖")),
    "changzhou": ("常州市财政局", "常州市科学技术局", "常州市科学技术局", ("刘洋", "王海涛", "吴磊")),
    "nantong": ("南通市财政局", "南通市科学技术局", "南通市科学技术局", ("赵丽", "孙强", "郑红")),
}
ADMIN = ("admin", "李明")


@dataclass(frozen=True)
class Place:
    """One city's finance bureau, authority and unit."""

    bureau: FinanceBureau
    authority: Authority
    unit: Unit


@dataclass(frozen=True)
class Account:
    """One demonstration account as `demo` lists it."""

    username: str
    full_name: str
    role: Role
    place: str  # the unit or finance bureau, or 全部 for the administrator
    created: bool


@transaction.atomic
def ensure_demo_organisation() -> dict[str, Place]:
    """The three cities' bureaus, authorities and units by city key ("jiangyin", "changzhou",
    "nantong"), made where missing. Demonstration tables are loaded into these units."""
    places = {}
    for key, (bureau_name, authority_name, unit_name, _) in CITIES.items():
        bureau, _ = FinanceBureau.objects.get_or_create(name=bureau_name)
        authority, _ = Authority.objects.get_or_create(bureau=bureau, name=authority_name)
        unit, _ = Unit.objects.get_or_create(authority=authority, name=unit_name)
        places[key] = Place(bureau, authority, unit)
    return places


@transaction.atomic
def ensure_demo_people(places: dict[str, Place]) -> list[Account]:
    """The demonstration accounts and their roles, made where missing; a new account gets
    DEMO_PASSWORD (hashed once per run: the password is the same and public anyway, and each
    hash takes a good part of a second)."""
    wanted = []
    for key, (*_, names) in CITIES.items():
        place = places[key]
        wanted += [(f"{key}-filler", names[0], Role.FILLER, {"unit": place.unit}),
                   (f"{key}-head", names[1], Role.HEAD, {"unit": place.unit}),
                   (f"{key}-reviewer", names[2], Role.REVIEWER, {"bureau": place.bureau})]
    wanted.append((*ADMIN, Role.ADMIN, {}))
    users = get_user_model().objects
    hashed = None
    accounts = []
    for username, full_name, role, where in wanted:
        user = users.filter(username=username).first()
        if created := user is None:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user = users.create(username=username, first_name=full_name, password=hashed)
        Membership.objects.get_or_create(user=user, role=role, **where)
        place = str(where["unit"] if "unit" in where else where.get("bureau", "全部"))
        accounts.append(Account(username, full_name, role, place, created))
    return accounts
