"""How the list's search finds its words. On PostgreSQL, from an index of every piece of one
to four characters of each line of a table's search text: the column search_pieces, which the
database makes from search_text on every write, under a GIN index (migration 0007).

Why: a common word (满意度, in half of all tables) found through a trigram index still made
PostgreSQL read each of a reviewer's rows and test its text. A word of up to four characters
(nearly every search in Chinese) is now answered from the index alone, combined with the unit
index (access.visible_tables_by_unit); a longer one by pieces that cover it, then tested on
the text of the rows that hold them all. The answers are those of a LIKE on search_text.

SQLite keeps its LIKE on search_text, which its covering index (migration 0004) answers."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from jixiao.web.tables.models import Table

PIECE = 4  # the longest piece indexed (migration 0007): 393 a table on average, 57 MB at 40,000 tables
COLUMN = "search_pieces"


def sought(words: str) -> list[str]:
    """The pieces a text holds if it holds `words`: the words themselves when they are short
    enough, else pieces of PIECE characters that together cover them."""
    if len(words) <= PIECE:
        return [words]
    starts = [*range(0, len(words) - PIECE + 1, PIECE), len(words) - PIECE]
    return list(dict.fromkeys(words[i:i + PIECE] for i in starts))


def indexed() -> bool:
    return connection.vendor == "postgresql"


def matching(words: str) -> Q:
    """The condition on a table that its search text holds `words` (in capitals, as
    search_text is): from the index on PostgreSQL, by LIKE elsewhere."""
    if "\n" in words:  # lines are texts apart, and no search finds words across two of them
        return Q(pk__in=[])
    if not indexed():
        return Q(search_text__contains=words)
    column = f"{connection.ops.quote_name(Table._meta.db_table)}.{connection.ops.quote_name(COLUMN)}"
    held = RawSQL(f"{column} @> %s::text[]", (sought(words),), output_field=BooleanField())
    return Q(held) if len(words) <= PIECE else Q(held, search_text__contains=words)
