"""PostgreSQL: the search's index of words (jixiao.web.tables.words), a text[] column of every
piece of one to four characters of each table's search text under a GIN index, filled here for
the tables there are; the store fills it for each table it writes. It takes the place of 0004's
trigram index, which no search uses any more. The column is outside Django's model, so that no
read but the search's carries it. SQLite: nothing changes."""

from django.db import migrations

from jixiao.web.tables.words import COLUMN, pieces

INDEX = "table_search_words"
TRIGRAM = "table_search_trgm"  # 0004's
BATCH = 1000


def index(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    column = schema_editor.quote_name(COLUMN)
    schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} text[]")
    with schema_editor.connection.cursor() as reading, schema_editor.connection.cursor() as writing:
        reading.execute(f"SELECT id, search_text FROM {table} ORDER BY id")
        while rows := reading.fetchmany(BATCH):
            writing.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s",
                                [(pieces(text), pk) for pk, text in rows])
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ({column})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM}")


def unindex(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {schema_editor.quote_name(COLUMN)}")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        trigrams = cursor.fetchone() is not None
    if trigrams:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {TRIGRAM} ON {table} USING gin ("search_text" gin_trgm_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0006_stored_review"),
    ]

    operations = [
        migrations.RunPython(index, unindex),
    ]
