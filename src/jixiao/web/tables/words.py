"""PostgreSQL's index of what the list's search looks in: every piece of one to four characters
of a table's search text, kept in the column search_grams (text[], migration 0007) under a
GIN index, and written by the store whenever it writes the text.

Why: a common word (满意度, in half of all tables) found through the trigram index still made
PostgreSQL read each of a reviewer's rows and test its text, half the database's time for the
search. Words of up to four characters (nearly every search in Chinese) are now answered from
the index alone, combined with the unit index; longer ones by the pieces that cover them, then
tested on the text of the few rows that hold all of them. The answers are those of a LIKE on
search_text: the column is outside Django's model, so that no other read carries it.

SQLite keeps its LIKE on search_text, which its covering index (migration 0004) answers well."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from jixiao.web.tables.models import Table

PIECE = 4  # the longest piece kept: 393 pieces a table on average, a GIN index of 58 MB at 40,000 tables
COLUMN = "search_grams"


def pieces(text: str) -> list[str]:
    """Every piece of one to PIECE characters of each line of `text`, once. Lines are the
    texts search_text joins (store._searchable): the search looks within each, never across."""
    found: set[str] = set()
    for line in text.split("\n"):
        for size in range(1, PIECE + 1):
            found.update(line[i:i + size] for i in range(len(line) - size + 1))
    return list(found)


def sought(words: str) -> list[str]:
    """The pieces a text holds if it holds `words`: the words themselves when they are short
    enough, else pieces of PIECE characters that together cover them."""
    if len(words) <= PIECE:
        return [words]
    starts = [*range(0, len(words) - PIECE + 1, PIECE), len(words) - PIECE]
    return list(dict.fromkeys(words[i:i + PIECE] for i in starts))


def indexed() -> bool:
    return connection.vendor == "postgresql"


def matching(words: str) -> Q | RawSQL:
    """The condition on a table that its search text holds `words` (already in capitals, as
    search_text is): from the index on PostgreSQL, a LIKE elsewhere."""
    if "\n" in words:  # lines are texts apart, and no search finds words across two of them
        return Q(pk__in=[])
    if not indexed():
        return Q(search_text__contains=words)
    column = f"{connection.ops.quote_name(Table._meta.db_table)}.{connection.ops.quote_name(COLUMN)}"
    held = RawSQL(f"{column} @> %s::text[]", (sought(words),), output_field=BooleanField())
    return Q(held) if len(words) <= PIECE else Q(held, search_text__contains=words)


def write(rows: Iterable[tuple[int, str]]) -> None:
    """Index the search texts of tables just written, as (id, search_text) pairs, in the
    transaction that wrote them. Nothing to do but on PostgreSQL."""
    if not indexed():
        return
    table = connection.ops.quote_name(Table._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {connection.ops.quote_name(COLUMN)} = %s WHERE id = %s",
                           [(pieces(text), pk) for pk, text in rows])
