"""The database itself refuses to change or remove an audit row (PostgreSQL trigger)."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from accounts import audit
from accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the trigger exists on PostgreSQL only")


@pytest.fixture
def audit_row(physician, patient):
    return audit.record(
        AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient
    )


def test_raw_sql_update_of_an_audit_row_fails(audit_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditevent SET action = 'list' WHERE id = %s", [audit_row.pk])
    assert AuditEvent.objects.get(pk=audit_row.pk).action == AuditAction.VIEW


def test_raw_sql_delete_of_an_audit_row_fails(audit_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditevent WHERE id = %s", [audit_row.pk])
    assert AuditEvent.objects.filter(pk=audit_row.pk).exists()


def test_the_orm_cannot_delete_one_either(audit_row):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=audit_row.pk).delete()
