"""The list's filters, one implementation for the list page and the API: a person's visible
tables narrowed by year, unit, kind, stage, status and a search in names and indicators; and
the comments the table page shows."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.db.models import QuerySet

from jixiao.web.tables import access, words
from jixiao.web.tables.models import Comment, Kind, Stage, Status, Table

FILTERS = ("year", "unit", "kind", "stage", "status", "q")


def chosen(params: Mapping) -> dict[str, str]:
    """The filters as given (a query string or the API's parameters), trimmed strings."""
    return {key: str(params.get(key) or "").strip() for key in FILTERS}


def filtered(user, params: Mapping) -> QuerySet[Table]:  # noqa: ANN001 (a Django user)
    """The tables the person may see that match `params`; a value that names nothing (an
    unknown status, a year that is not a number) filters nothing, as on the list page."""
    wanted = chosen(params)
    searched = wanted["q"] and words.indexed()
    tables = (access.visible_tables_by_unit if searched else access.visible_tables)(user).select_related("unit")
    if wanted["year"].isdigit():
        tables = tables.filter(year=int(wanted["year"]))
    if wanted["unit"].isdigit():
        tables = tables.filter(unit_id=int(wanted["unit"]))
    for key, choices in (("kind", Kind), ("stage", Stage), ("status", Status)):
        if wanted[key] in choices.values:
            tables = tables.filter(**{key: wanted[key]})
    if wanted["q"]:
        tables = tables.filter(words.matching(wanted["q"].upper()))  # see Table.search_text
    return tables


CHOICES_SECONDS = 60  # how long a worker keeps a person's year and unit choices (see choices)


def choices(user) -> tuple[list[int], list[tuple[int, str]]]:  # noqa: ANN001
    """The years (newest first) and units (by name) the list's filters offer the person: those
    of what they see. Kept for a minute per scope in the worker's cache: reading them cost two
    statements, one of them reading the year of every visible table, on every list page, for
    menus that change when a new year's tables or a new unit arrive. An import or a save in
    this worker forgets them at once (store.tables_changed); another worker's, within a minute."""
    scope = access.scope_of(user)
    key = "jixiao-choices-" + hashlib.sha256(repr((scope.admin, sorted(scope.units), sorted(scope.bureaus)))
                                             .encode()).hexdigest()
    return caches["default"].get_or_set(key, lambda: _choices(user), CHOICES_SECONDS)


def _choices(user) -> tuple[list[int], list[tuple[int, str]]]:  # noqa: ANN001
    # order_by(): the model's ordering would otherwise join the DISTINCT and make it one row per table.
    seen = access.visible_tables(user).order_by().values_list("year", flat=True).distinct()
    # The units the person sees, with or without tables: read from the units, not from the tables.
    units = access.visible_units(user).values_list("id", "name")
    return sorted({y for y in seen if y}, reverse=True), sorted(units, key=lambda u: u[1])


def listed_ids(ids: QuerySet) -> list[int]:
    """The ids a search finds (a values_list of ids), in order. On PostgreSQL the statement is
    sent unprepared, so that it is planned for the words searched each time: prepared
    (settings: prepare_threshold), it is soon run with a plan made for any words, which
    expects few matches whatever the words (200 for 满意度, in 18,825 tables); with the trigram
    index of before, such a plan read half the province's tables for a common word (3 × slower
    than a plan for the words)."""
    if connection.vendor != "postgresql":
        return list(ids)
    sql, params = ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.cursor.execute(sql, params, prepare=False)  # psycopg's own cursor: Django's cannot say so
        return [row[0] for row in cursor.fetchall()]


def comments_on(table: Table) -> list[Comment]:
    """The table's comments, oldest first, each with its author's names. One statement written
    once (_comments): the table page asks on every opening, most often to find none, and the
    ORM's select_related took six times as long to build the query as the database to answer."""
    if getattr(table, "comment_count", None) == 0:  # counted when the table was read (access.visible_table)
        return []
    User = get_user_model()
    found = list(Comment.objects.raw(_comments(), [table.pk]))
    for comment in found:
        comment.author = User.from_db(comment._state.db, ["id", "username", "first_name", "last_name"],
                                      [comment.author_id, comment.author_username, comment.author_first_name,
                                       comment.author_last_name])
    return found


@cache
def _comments() -> str:
    q = connection.ops.quote_name
    user = get_user_model()._meta.db_table
    return (f"SELECT c.*, u.{q('username')} AS author_username, u.{q('first_name')} AS author_first_name, "
            f"u.{q('last_name')} AS author_last_name FROM {q(Comment._meta.db_table)} c "
            f"JOIN {q(user)} u ON u.{q('id')} = c.{q('author_id')} "
            f"WHERE c.{q('table_id')} = %s ORDER BY c.{q('at')}, c.{q('id')}")
