"""The review stored with the table when it is saved, and a fingerprint of the code that made
it (jixiao.review.rules_fingerprint): the table page shows it while that code is unchanged,
instead of reviewing the table again. Tables saved before have neither (null) and are
reviewed as before, until they are next saved. Both columns are nullable with no default, so
that SQLite adds them in place instead of rebuilding the table, which would drop the search
index 0004 made."""

from django.db import migrations, models

SEARCH_INDEX = "table_search_sqlite"  # 0004's


def restore_search_index(apps, schema_editor) -> None:  # noqa: ANN001
    """Going back, SQLite removes the columns by rebuilding the table, which drops 0004's index."""
    if schema_editor.connection.vendor == "sqlite":
        table = schema_editor.quote_name(apps.get_model("tables", "Table")._meta.db_table)
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON {table} ("unit_id", "updated_at", "search_text")')


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0005_list_filters"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_search_index),  # run last when reversed
        migrations.AddField(
            model_name='table',
            name='findings',
            field=models.JSONField(blank=True, null=True, verbose_name='审核发现'),
        ),
        migrations.AddField(
            model_name='table',
            name='reviewed_with',
            field=models.CharField(blank=True, max_length=16, null=True, verbose_name='审核代码版本'),
        ),
    ]
