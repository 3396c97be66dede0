"""Clinical records are never silently changed (PostgreSQL refuses it, whatever the code above it does).

- Adverse events, dispenses, supply counts, addenda and the side effects of a session are append-only: UPDATE and
  DELETE raise. A correction is a new Addendum row, shown beside the original.
- A treatment session may move through its states (scheduled → in progress → completed, or held …) with UPDATEs,
  but once its status is 'completed' it is final: an UPDATE of a completed row raises (OLD.status = 'completed';
  the post-dose entry's own in_progress → completed UPDATE is allowed because OLD.status is still in_progress).
  A session is never deleted.

TRUNCATE is left to the table's owner (test databases are emptied that way), as for the audit trail (accounts 0004)
and consent (treatment 0001). SQLite relies on the application alone.
"""

from django.db import migrations

APPEND_ONLY_TABLES = (
    "treatment_adverseevent",
    "treatment_dispense",
    "treatment_supplycount",
    "treatment_addendum",
    "treatment_sessionsideeffect",
)

CREATE_FUNCTIONS = """
CREATE OR REPLACE FUNCTION treatment_clinical_record_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = TG_TABLE_NAME || ' is a clinical record and append-only: ' || TG_OP
            || ' is not allowed (add an addendum instead)',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION treatment_session_completed_is_final() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING
            MESSAGE = 'treatment sessions are never deleted',
            ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'completed' THEN
        RAISE EXCEPTION USING
            MESSAGE = 'a completed treatment session is never changed (add an addendum instead)',
            ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

CREATE_APPEND_ONLY_TRIGGER = """
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION treatment_clinical_record_append_only();
"""

CREATE_SESSION_TRIGGER = """
CREATE TRIGGER treatment_treatmentsession_completed_is_final
    BEFORE UPDATE OR DELETE ON treatment_treatmentsession
    FOR EACH ROW EXECUTE FUNCTION treatment_session_completed_is_final();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTIONS)
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(CREATE_APPEND_ONLY_TRIGGER.format(table=table))
    schema_editor.execute(CREATE_SESSION_TRIGGER)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS treatment_treatmentsession_completed_is_final ON treatment_treatmentsession"
    )
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS treatment_session_completed_is_final()")
    schema_editor.execute("DROP FUNCTION IF EXISTS treatment_clinical_record_append_only()")


class Migration(migrations.Migration):
    dependencies = [("treatment", "0004_adverse_events_dispensing_addenda")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
