"""Make "same clinic" a database rule on PostgreSQL with composite foreign keys.

A patient's or physician's clinic must be their user's clinic, and a care-team membership's patient and physician
must both belong to the membership's clinic. Django cannot declare composite foreign keys, so they are SQL here.
SQLite (the zero-setup development database) relies on accounts.services alone.
"""

from django.db import migrations

FOREIGN_KEYS = [
    # (table, constraint name, local columns, referenced table, referenced columns)
    (
        "accounts_patient",
        "patient_clinic_is_user_clinic",
        "user_id, clinic_id",
        "accounts_user",
        "id, clinic_id",
    ),
    (
        "accounts_physician",
        "physician_clinic_is_user_clinic",
        "user_id, clinic_id",
        "accounts_user",
        "id, clinic_id",
    ),
    (
        "accounts_careteammembership",
        "care_team_patient_same_clinic",
        "patient_id, clinic_id",
        "accounts_patient",
        "id, clinic_id",
    ),
    (
        "accounts_careteammembership",
        "care_team_physician_same_clinic",
        "physician_id, clinic_id",
        "accounts_physician",
        "id, clinic_id",
    ),
]


def add_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, columns, target, target_columns in FOREIGN_KEYS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY ({columns}) "
            f"REFERENCES {target} ({target_columns}) DEFERRABLE INITIALLY DEFERRED"
        )


def drop_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, *_ in FOREIGN_KEYS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add_foreign_keys, drop_foreign_keys)]
