"""Consent versions and signatures. Both are append-only in PostgreSQL: a signature points at the exact text the
patient agreed to, so neither the text nor the signature may change or disappear (UPDATE and DELETE raise).

TRUNCATE is left to the table's owner (test databases are emptied that way), as for the audit trail (accounts 0004).
SQLite relies on the application alone.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

APPEND_ONLY_TABLES = ("treatment_consentversion", "treatment_consentsignature")

CREATE = """
CREATE OR REPLACE FUNCTION treatment_consent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

CREATE_TRIGGER = """
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION treatment_consent_append_only();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(CREATE_TRIGGER.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS treatment_consent_append_only()")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0004_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField()),
                ("text", models.TextField()),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "clinic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consent_versions",
                        to="accounts.clinic",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["clinic", "-version"],
            },
        ),
        migrations.CreateModel(
            name="ConsentSignature",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("typed_name", models.CharField(max_length=200)),
                ("signed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("ip", models.GenericIPAddressField(blank=True, null=True)),
                ("user_agent", models.CharField(blank=True, max_length=300)),
                (
                    "patient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consent_signatures",
                        to="accounts.patient",
                    ),
                ),
                (
                    "consent_version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signatures",
                        to="treatment.consentversion",
                    ),
                ),
            ],
            options={
                "ordering": ["-signed_at", "-pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="consentversion",
            constraint=models.UniqueConstraint(fields=("clinic", "version"), name="consent_version_unique_per_clinic"),
        ),
        migrations.AddConstraint(
            model_name="consentversion",
            constraint=models.CheckConstraint(condition=models.Q(("version__gte", 1)), name="consent_version_from_one"),
        ),
        migrations.AddConstraint(
            model_name="consentsignature",
            constraint=models.UniqueConstraint(
                fields=("patient", "consent_version"), name="consent_signed_once_per_version"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
