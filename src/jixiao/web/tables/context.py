"""What every page's navigation needs: which links the person has, and the counts on them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.http import HttpRequest
from django.urls import reverse

from jixiao.web.accounts.models import Authority, Unit
from jixiao.web.tables import access
from jixiao.web.tables.models import IN_REVIEW, Notification, Table


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = access.scope_of(user)
    shown = counts(request)
    return {"nav": {"reviewer": bool(scope.bureaus), "filler": bool(scope.units), "waiting": shown.waiting,
                    "unread": shown.unread, "paths": _paths()}}


@dataclass(slots=True)
class Counts:
    unread: int  # the person's unread notices
    waiting: int  # the tables waiting in their bureaus' queues


def counts(request: HttpRequest) -> Counts:
    """The navigation's counts, read once per request."""
    found = getattr(request, "_jixiao_counts", None)
    if found is None:
        user = request.user
        found = request._jixiao_counts = Counts(*_counts(user.pk, sorted(access.scope_of(user).bureaus)))
    return found


def read_notices(request: HttpRequest, table: Table) -> None:
    """Marks the person's notices of this table read, as opening it does. Most pages are opened
    with no unread notice at all; the navigation's count, read for the page anyway, says so
    first, and the update is then not sent."""
    shown = counts(request)
    if shown.unread:
        shown.unread -= Notification.objects.filter(user=request.user, table=table, read=False).update(read=True)


@cache
def _paths() -> dict[str, str]:
    """The navigation's addresses, the same on every page for everyone (the application is
    served under one prefix), reversed once rather than eight times a page."""
    names = ("home", "tables", "queue", "dashboard", "import", "bulk-import", "notifications", "logout")
    return {name.replace("-", "_"): reverse(name) for name in names}


def _counts(user: int, bureaus: list[int]) -> tuple[int, int]:
    """The person's unread notices and the tables waiting in their bureaus' queues, in one
    statement: it is on every page, and building the two counts through the ORM cost more
    than running them."""
    q = connection.ops.quote_name
    unread = (f"SELECT COUNT(*) FROM {q(Notification._meta.db_table)} "
              f"WHERE {q('user_id')} = %s AND NOT {q('read')}")
    if not bureaus:
        waiting, params = "0", [user]
    else:
        waiting = (f"SELECT COUNT(*) FROM {q(Table._meta.db_table)} t "
                   f"JOIN {q(Unit._meta.db_table)} u ON t.{q('unit_id')} = u.{q('id')} "
                   f"JOIN {q(Authority._meta.db_table)} a ON u.{q('authority_id')} = a.{q('id')} "
                   f"WHERE a.{q('bureau_id')} IN ({', '.join(['%s'] * len(bureaus))}) "
                   f"AND t.{q('status')} IN ({', '.join(['%s'] * len(IN_REVIEW))})")
        params = [user, *bureaus, *(str(s) for s in IN_REVIEW)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({unread}), ({waiting})", params)
        return tuple(cursor.fetchone())
