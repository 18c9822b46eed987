# The own e-mail domains become the own e-mail addresses and domains (the stored domains
# stay, as entries of the new kind), and the import page's background jobs get a table.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0003_columnmapping_workspacesettings_own_domains"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="workspacesettings",
            old_name="own_domains",
            new_name="own_addresses",
        ),
        migrations.AlterField(
            model_name="workspacesettings",
            name="own_addresses",
            field=models.JSONField(
                blank=True, default=list, verbose_name="own e-mail addresses and domains"
            ),
        ),
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True)),
                ("upload", models.CharField(max_length=64, verbose_name="upload")),
                (
                    "kind",
                    models.CharField(
                        choices=[("preview", "preview"), ("import", "import")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("running", "running"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("names", models.JSONField(blank=True, default=list, verbose_name="files")),
                ("stage", models.CharField(blank=True, max_length=40, verbose_name="stage")),
                ("done", models.PositiveBigIntegerField(default=0)),
                ("total", models.PositiveBigIntegerField(default=0)),
                ("result", models.JSONField(blank=True, default=dict, verbose_name="result")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="import_jobs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "import job",
                "verbose_name_plural": "import jobs",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
