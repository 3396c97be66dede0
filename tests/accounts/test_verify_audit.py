"""`manage.py verify_audit` recomputes the hash chain and names any row altered or removed behind the app's back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts import audit
from accounts.models import AuditAction, AuditEvent
from tests.accounts.audit_helpers import tamper_with_audit_table


@pytest.fixture
def three_rows(physician, patient):
    return [
        audit.record(
            AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient
        )
        for _ in range(3)
    ]


def verify():
    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=out)
    return out.getvalue()


def test_an_intact_trail_verifies(three_rows):
    assert f"intact: {AuditEvent.objects.count()} rows checked" in verify()


def test_an_altered_row_is_found(three_rows):
    tamper_with_audit_table(
        "UPDATE accounts_auditevent SET actor_email = %s WHERE id = %s", ["someone@else.test", three_rows[1].pk]
    )
    with pytest.raises(CommandError, match="broken"):
        verify()


def test_a_removed_row_is_found(three_rows):
    tamper_with_audit_table("DELETE FROM accounts_auditevent WHERE id = %s", [three_rows[1].pk])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=out, stderr=out)
    assert f"audit event {three_rows[2].pk}: does not follow the row before it" in out.getvalue()
