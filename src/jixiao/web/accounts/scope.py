"""A person's places: the units where they fill in or head, the finance bureaus where they
review, and whether they administer. What each may see and do (tables.access) follows from it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.web.accounts.models import Role


@dataclass(frozen=True, slots=True)
class Scope:
    units: frozenset[int]  # where the person fills in (填报人 or 单位负责人)
    heads: frozenset[int]  # where the person is 单位负责人
    bureaus: frozenset[int]  # where the person reviews
    admin: bool

    @property
    def anything(self) -> bool:
        return bool(self.units or self.bureaus or self.admin)


def scope_from(memberships: Iterable[tuple[str, int | None, int | None]]) -> Scope:
    """The scope of (role, unit id, bureau id) memberships."""
    units, heads, bureaus, admin = set(), set(), set(), False
    for role, unit, bureau in memberships:
        if role in (Role.FILLER, Role.HEAD):
            units.add(unit)
            if role == Role.HEAD:
                heads.add(unit)
        elif role == Role.REVIEWER:
            bureaus.add(bureau)
        elif role == Role.ADMIN:
            admin = True
    return Scope(frozenset(units), frozenset(heads), frozenset(bureaus), admin)


def scope_of(user) -> Scope:  # noqa: ANN001 (a Django user)
    """The person's scope, read once per request: a signed-in person comes with it
    (backends.PersonBackend); a person signed in by token has it read here."""
    cached = getattr(user, "_jixiao_scope", None)
    if cached is None:
        roles = user.memberships.values_list("role", "unit_id", "bureau_id") if user.is_authenticated else ()
        cached = user._jixiao_scope = scope_from(roles)
    return cached
