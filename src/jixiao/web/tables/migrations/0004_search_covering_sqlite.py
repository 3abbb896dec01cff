"""On SQLite, an index that holds what the list's search reads: a table's unit, its date for the
order, its name and its indicator text. SQLite keeps a row's columns together, and a stored
table's content (10 KB on average) pushes the indicator text onto overflow pages, so a search
that read the rows walked every visible table's content; from this index it reads only the
words (26 → 8 ms for a reviewer's 3,100 tables). PostgreSQL keeps long content apart from its
rows and has the trigram indexes of 0003 instead: there a B-tree entry could not hold a long
text, so it gets no such index."""

from django.db import migrations

NAME = "table_search_sqlite"


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "sqlite":
        return
    table = apps.get_model("tables", "Table")._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {NAME} ON "{table}" '
                          '("unit_id", "updated_at", "name", "indicator_text")')
    # Statistics for the planner, which without them took this index for lists that need the
    # year (not in it) over the (unit, year) index, and read every row.
    schema_editor.execute(f'ANALYZE "{table}"')


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0003_search_trigrams"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
