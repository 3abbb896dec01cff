"""Who may see and do what with a table. Every view and every API endpoint asks here, so the
rules live in one place: a unit's people see their unit's tables and change them while they
are drafts or returned; a finance bureau's reviewers see the tables of the units it reviews
and move them through review; an administrator sees every table and changes none."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from jixiao.web.accounts.models import Authority, Unit
from jixiao.web.accounts.scope import scope_of
from jixiao.web.tables.models import Comment, Status, Table

EDITABLE = (Status.DRAFT, Status.RETURNED)


def visible_tables(user) -> QuerySet[Table]:  # noqa: ANN001
    scope = scope_of(user)
    if scope.admin:
        return Table.objects.all()
    return Table.objects.filter(Q(unit_id__in=scope.units) | Q(unit__authority__bureau_id__in=scope.bureaus))


def visible_tables_by_unit(user) -> QuerySet[Table]:  # noqa: ANN001
    """visible_tables, as the tables whose unit is one of visible_units, given to PostgreSQL as
    `unit_id = ANY(ARRAY(units))`: a list worked out first, so that it can combine the unit
    index with the search's index of words (words.matching). Given as a join, it walks the
    units' tables and reads each one's pieces (50 ms against 5 for a reviewer's 满意度)."""
    scope = scope_of(user)
    if scope.admin:
        return Table.objects.all()
    if not (scope.units or scope.bureaus):
        return Table.objects.none()
    units, params = visible_units(user).values("id").query.sql_with_params()
    q = connection.ops.quote_name
    return Table.objects.filter(RawSQL(f"{q(Table._meta.db_table)}.{q('unit_id')} = ANY(ARRAY({units}))", params,
                                       output_field=BooleanField()))


def visible_units(user) -> QuerySet[Unit]:  # noqa: ANN001
    """The units whose tables visible_tables gives the person, by the same rule."""
    scope = scope_of(user)
    if scope.admin:
        return Unit.objects.all()
    return Unit.objects.filter(Q(id__in=scope.units) | Q(authority__bureau_id__in=scope.bureaus))


def visible_table(user, pk: int) -> Table | None:  # noqa: ANN001
    """One table by id, with its unit and the unit's authority, if the person may see it: the
    rule of visible_tables, checked on the row. This is the page opened most, and building the
    same read through the ORM (a select_related over three joins) cost four times as much as
    running it, so it is one statement written once (_by_key)."""
    if not 0 < pk < 2 ** 63:  # no row; and PostgreSQL would refuse the number
        return None
    table = next(iter(Table.objects.raw(_by_key(), [pk])), None)
    if table is None:
        return None
    scope = scope_of(user)
    if not (scope.admin or table.unit_id in scope.units or table.bureau_id in scope.bureaus):
        return None
    # The unit and its authority as far as the row read them; any other field of theirs is
    # read from the database when asked for (from_db marks it deferred).
    db = table._state.db
    authority = Authority.from_db(db, ["id", "bureau_id"], [table.authority_id, table.bureau_id])
    unit = Unit.from_db(db, ["id", "name", "authority_id"], [table.unit_id, table.unit_name, table.authority_id])
    unit.authority = authority
    table.unit = unit
    return table


@cache
def _by_key() -> str:
    q = connection.ops.quote_name
    # With the number of its comments, so that the table page need not ask for them when there are none.
    comments = (f"SELECT COUNT(*) FROM {q(Comment._meta.db_table)} c "
                f"WHERE c.{q('table_id')} = t.{q('id')}")
    # The model's columns but the search's: not the database's own search_pieces (migration 0007).
    columns = ", ".join(f"t.{q(f.column)}" for f in Table._meta.concrete_fields if f.name != "search_text")
    return (f"SELECT {columns}, u.{q('name')} AS unit_name, u.{q('authority_id')} AS authority_id, "
            f"a.{q('bureau_id')} AS bureau_id, ({comments}) AS comment_count FROM {q(Table._meta.db_table)} t "
            f"JOIN {q(Unit._meta.db_table)} u ON u.{q('id')} = t.{q('unit_id')} "
            f"JOIN {q(Authority._meta.db_table)} a ON a.{q('id')} = u.{q('authority_id')} "
            f"WHERE t.{q('id')} = %s")


def table_or_404(user, pk: int) -> Table:  # noqa: ANN001
    """visible_table for a page: what one may not see is answered as if it did not exist."""
    table = visible_table(user, pk)
    if table is None:
        raise Http404("没有这张表，或您无权查看")
    return table


def importable_units(user) -> QuerySet[Unit]:  # noqa: ANN001
    """The units whose tables the person may bring in: their own."""
    return Unit.objects.filter(id__in=scope_of(user).units).select_related("authority")


def fills_in(user, table: Table) -> bool:  # noqa: ANN001
    return table.unit_id in scope_of(user).units


def heads(user, table: Table) -> bool:  # noqa: ANN001
    return table.unit_id in scope_of(user).heads


def reviews(user, table: Table) -> bool:  # noqa: ANN001
    return table.unit.authority.bureau_id in scope_of(user).bureaus


def can_edit(user, table: Table) -> bool:  # noqa: ANN001
    return fills_in(user, table) and table.status in EDITABLE


def can_comment(user, table: Table) -> bool:  # noqa: ANN001
    """The two sides of the table's workflow speak; an administrator only reads."""
    return fills_in(user, table) or reviews(user, table)
