"""`manage.py verify_audit` recomputes the hash chain and names any row altered or removed behind the app's back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts import audit
from accounts.models import AuditAction, AuditEvent


@pytest.fixture
def three_rows(physician, patient):
    return [
        audit.record(
            AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient
        )
        for _ in range(3)
    ]


def tamper(sql, params):
    """What someone with the database owner's rights could do: switch the trigger off, change rows, switch it on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check
            cursor.execute("ALTER TABLE accounts_auditevent DISABLE TRIGGER accounts_auditevent_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE accounts_auditevent ENABLE TRIGGER accounts_auditevent_append_only")


def verify():
    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=out)
    return out.getvalue()


def test_an_intact_trail_verifies(three_rows):
    assert f"intact: {AuditEvent.objects.count()} rows checked" in verify()


def test_an_altered_row_is_found(three_rows):
    tamper("UPDATE accounts_auditevent SET actor_email = %s WHERE id = %s", ["someone@else.test", three_rows[1].pk])
    with pytest.raises(CommandError, match="broken"):
        verify()


def test_a_removed_row_is_found(three_rows):
    tamper("DELETE FROM accounts_auditevent WHERE id = %s", [three_rows[1].pk])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=out, stderr=out)
    assert f"audit event {three_rows[2].pk}: does not follow the row before it" in out.getvalue()
