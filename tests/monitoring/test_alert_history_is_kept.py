"""Every step of an alert is a history row — raised, raised again, acknowledged, resolved — and the database keeps
them: alerts are never deleted, history rows never changed or deleted (PostgreSQL)."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from monitoring import services
from monitoring.models import Alert, AlertEvent, Severity
from tests.monitoring.conftest import raise_alert

postgresql_only = pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the trigger exists on PostgreSQL only")


def test_each_step_leaves_a_row(patient, physician):
    raise_alert(patient, severity=Severity.MEDIUM, summary="First.")
    raise_alert(patient, severity=Severity.MEDIUM, summary="Again.")
    alert = raise_alert(patient, severity=Severity.HIGH, summary="Worse.")
    services.alert_acknowledge(actor=physician.user, alert=alert)
    services.alert_resolve(actor=physician.user, alert=alert, note="Adjusted the plan.")

    steps = list(AlertEvent.objects.filter(alert=alert).values_list("what", "severity", "actor", "note"))
    assert steps == [
        ("raised", "medium", None, "First."),
        ("repeated", "medium", None, "Again."),
        ("severity_raised", "high", None, "Worse."),
        ("acknowledged", "high", physician.user.pk, ""),
        ("resolved", "high", physician.user.pk, "Adjusted the plan."),
    ]


@postgresql_only
def test_the_database_refuses_to_delete_an_alert(open_alert):
    # Raw SQL: the ORM would stop earlier, at the history rows' PROTECT.
    with pytest.raises(DatabaseError, match="not allowed"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_alert WHERE id = %s", [open_alert.pk])
    assert Alert.objects.filter(pk=open_alert.pk).exists()


@postgresql_only
def test_the_database_refuses_to_change_or_delete_history(open_alert):
    with pytest.raises(DatabaseError, match="not allowed"), transaction.atomic():
        AlertEvent.objects.filter(alert=open_alert).update(note="rewritten")
    with pytest.raises(DatabaseError, match="not allowed"), transaction.atomic():
        AlertEvent.objects.filter(alert=open_alert).delete()
    assert AlertEvent.objects.get(alert=open_alert).note == "Session held before dosing: interval."
