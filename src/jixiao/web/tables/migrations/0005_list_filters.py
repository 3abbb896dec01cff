"""The list, however filtered, read from one index: the unit, every filter of the list (year,
status, kind, stage) and the order it sorts by (updated_at, id), in place of (unit, year).

With (unit, year) alone, a list filtered by year found its tables in the index and then read
each one's row for the date it sorts by; on SQLite that date lies past the content's overflow
pages (11 ms for one year of a reviewer's 3,000 tables, 0.15 ms from this index). PostgreSQL
answers the filtered lists from the index without visiting the rows.

The statistics are gathered again (ANALYZE) so that the planners know the new index: without
them SQLite took the status index of the reviewers' queue for a list filtered by status and
read every row (40 ms)."""

from django.db import migrations, models


def analyze(apps, schema_editor) -> None:  # noqa: ANN001
    table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
    schema_editor.execute(f"ANALYZE {table}")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_bureau_settings"),
        ("tables", "0004_search_text"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="table", name="table_unit_year"),
        migrations.AddIndex(
            model_name="table",
            index=models.Index(fields=["unit", "year", "status", "kind", "stage", "updated_at", "id"],
                               name="table_list_filters"),
        ),
        migrations.RunPython(analyze, analyze),
    ]
