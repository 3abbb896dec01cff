"""The list's search looks in one column, search_text: the table's name followed by what
indicator_text held (project, title, indicators' names and targets), in capitals.

Before, the search was name ILIKE '%words%' OR indicator_text ILIKE '%words%', which made the
database capitalise two texts of every visible row for every search (PostgreSQL: 21 ms for a
reviewer's 3,100 tables). The text is now capitalised once, when the table is saved, and the
search is one LIKE on it, which each database answers from an index:

- PostgreSQL: a trigram index on search_text (pg_trgm, when 0003 could create it) in place of
  0003's two indexes on UPPER(name) and UPPER(indicator_text).
- SQLite: an index of the unit, the date the list sorts by, and search_text. SQLite keeps a
  row's columns together, and a table's content (10 KB on average) pushes the later columns
  onto overflow pages, so reading the text from the rows walked every visible table's content;
  from this index it reads only the text (26 → 7 ms). PostgreSQL keeps long content apart from
  its rows and gets no such index: a B-tree entry could not hold a long text."""

from django.db import migrations, models

TRIGRAM = "table_search_trgm"
COVERING = "table_search_sqlite"
OLD_TRIGRAMS = ("table_name_trgm", "table_text_trgm")


def fill(apps, schema_editor) -> None:  # noqa: ANN001
    Table = apps.get_model("tables", "Table")
    rows = list(Table.objects.only("id", "name", "search_text").order_by("id"))
    for row in rows:
        first = row.search_text.split("\n", 1)[0]
        row.search_text = (row.search_text if first == row.name else f"{row.name}\n{row.search_text}").upper()
    Table.objects.bulk_update(rows, ["search_text"], batch_size=500)


def _trigrams(schema_editor) -> bool:  # noqa: ANN001
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def index(apps, schema_editor) -> None:  # noqa: ANN001
    connection = schema_editor.connection
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    column = schema_editor.quote_name("search_text")
    if connection.vendor == "postgresql":
        for name in OLD_TRIGRAMS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        if _trigrams(schema_editor):
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM} ON {table} USING gin ({column} gin_trgm_ops)")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {COVERING} ON {table} ("unit_id", "updated_at", {column})')
        # Statistics for the planner, which without them took this index for lists that need the
        # year (not in it) over the (unit, year) index, and read every row.
        schema_editor.execute(f"ANALYZE {table}")


def unindex(apps, schema_editor) -> None:  # noqa: ANN001
    connection = schema_editor.connection
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    if connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM}")
        if _trigrams(schema_editor):  # 0003's, on the column still called search_text here
            for name, column in zip(OLD_TRIGRAMS, ("name", "search_text")):
                schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                                      f"USING gin (UPPER({schema_editor.quote_name(column)}) gin_trgm_ops)")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {COVERING}")


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0003_search_trigrams"),
    ]

    operations = [
        migrations.RenameField("table", "indicator_text", "search_text"),
        migrations.AlterField("table", "search_text", models.TextField(blank=True, verbose_name="检索文本")),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, unindex),
    ]
