"""On PostgreSQL, trigram indexes for the list's search: a table's name or indicator text
containing the words, case folded as Django's icontains asks it (UPPER(column) LIKE
UPPER('%words%')). A rare term is then found from the index instead of by reading every
visible table's text. pg_trgm comes with PostgreSQL and a database's owner may create it; where
the role may not, the migration leaves the search as it was, reading the texts. SQLite has
no such index and migrates without it."""

from django.db import DatabaseError, migrations, transaction

INDEXES = {"table_name_trgm": "name", "table_text_trgm": "indicator_text"}


def create(apps, schema_editor) -> None:  # noqa: ANN001
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # not allowed to this role: the search reads the texts, as without the index
    with connection.cursor() as cursor:
        for name, column in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                           f"USING gin (UPPER({schema_editor.quote_name(column)}) gin_trgm_ops)")


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0002_unit_status_recent"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
