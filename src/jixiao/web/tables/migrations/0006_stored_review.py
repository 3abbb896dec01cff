"""The review stored with the table when it is saved, and a fingerprint of the code that made
it (jixiao.review.rules_fingerprint): the table page shows it while that code is unchanged,
instead of reviewing the table again. Tables saved before have none and are reviewed as
before, until they are next saved."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("tables", "0005_list_filters"),
    ]

    operations = [
        migrations.AddField(
            model_name='table',
            name='findings',
            field=models.JSONField(blank=True, default=list, verbose_name='审核发现'),
        ),
        migrations.AddField(
            model_name='table',
            name='reviewed_with',
            field=models.CharField(blank=True, max_length=16, verbose_name='审核代码版本'),
        ),
    ]
