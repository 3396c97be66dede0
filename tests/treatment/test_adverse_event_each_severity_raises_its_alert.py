"""Reporting an adverse event tells the care team at once: an adverse-event alert graded after CLINICAL.md section 2
(CTCAE v5): mild → medium, moderate → high, severe and life-threatening → critical."""

import pytest

from accounts.models import AuditAction, AuditEvent
from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.record_data import reported_adverse_event
from treatment.models import AdverseEvent


@pytest.mark.parametrize(
    ("severity", "alert_severity"),
    [
        ("mild", Severity.MEDIUM),
        ("moderate", Severity.HIGH),
        ("severe", Severity.CRITICAL),
        ("life_threatening", Severity.CRITICAL),
    ],
)
def test_each_severity_raises_the_right_alert(patient, severity, alert_severity):
    adverse_event = reported_adverse_event(patient, severity=severity)

    alert = Alert.objects.get(patient=patient)
    assert (alert.kind, alert.severity, alert.cause) == (
        AlertKind.ADVERSE_EVENT,
        alert_severity,
        f"adverse_event:{adverse_event.pk}",
    )
    stored = AdverseEvent.objects.get()
    assert (stored.severity, stored.reported_by, stored.ongoing) == (severity, patient.user, True)


def test_a_physician_on_the_care_team_records_one_with_the_same_alert(physician, patient):
    from datetime import timedelta

    from django.utils import timezone

    from treatment import services

    adverse_event = services.adverse_event_report(
        actor=physician.user,
        patient=patient,
        description="Fainted at home, seen in the emergency department.",
        started_at=timezone.now() - timedelta(days=1),
        severity="severe",
        ongoing=False,
    )
    assert adverse_event.reported_by == physician.user
    assert Alert.objects.get(patient=patient).severity == Severity.CRITICAL


def test_the_report_is_audited_without_its_description(patient):
    adverse_event = reported_adverse_event(patient, description="Vomiting all night")
    row = AuditEvent.objects.get(object_type="adverse_event")
    assert (row.action, row.actor, row.patient, row.object_id) == (
        AuditAction.CREATE,
        patient.user,
        patient,
        str(adverse_event.pk),
    )
    assert "Vomiting" not in row.detail
