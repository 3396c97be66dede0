"""A critical alert not acknowledged within the clinic's limit escalates once, urgently, to the clinic's admins,
the care-team physicians and the escalation contact when that address has an account; acknowledging it in time
stops the escalation."""

import datetime as dt

import time_machine
from django.utils import timezone

from monitoring import reminders, services
from monitoring.models import NotificationKind, NotificationStatus, Severity
from tests.monitoring.conftest import raise_alert
from tests.monitoring.reminder_data import queued


def test_escalation_after_the_limit_only_once_urgent(patient, physician, other_physician, clinic_admin):
    clinic = patient.clinic
    clinic.acknowledgment_limit_minutes = 30
    clinic.escalation_contact_email = other_physician.user.email  # the on-call contact has an account
    clinic.save(update_fields=["acknowledgment_limit_minutes", "escalation_contact_email"])
    raised = timezone.now()
    with time_machine.travel(raised, tick=False):
        alert = raise_alert(patient, severity=Severity.CRITICAL, cause="adverse_event:1")
        raise_alert(patient, severity=Severity.HIGH, cause="session:9")  # not critical: never escalates
    limit = raised + dt.timedelta(minutes=30)

    assert reminders.alert_escalations_produce(now=limit - reminders.LOOKAHEAD - dt.timedelta(minutes=1)) == 0
    assert reminders.alert_escalations_produce(now=limit - reminders.LOOKAHEAD) == 3
    assert reminders.alert_escalations_produce(now=limit + dt.timedelta(hours=1)) == 0

    rows = queued(NotificationKind.ALERT_ESCALATION)
    assert {row.recipient_id for row in rows} == {clinic_admin.pk, physician.user_id, other_physician.user_id}
    assert {row.about for row in rows} == {f"alert:{alert.pk}"}
    assert all(row.urgent for row in rows)
    assert {row.send_after for row in rows} == {limit}


def test_acknowledged_in_time_cancels_the_queued_escalation(patient, physician, clinic_admin):
    raised = timezone.now()
    with time_machine.travel(raised, tick=False):
        alert = raise_alert(patient, severity=Severity.CRITICAL, cause="adverse_event:1")
    limit = raised + dt.timedelta(minutes=patient.clinic.acknowledgment_limit_minutes)
    assert reminders.alert_escalations_produce(now=limit - dt.timedelta(minutes=5)) == 2  # queued a little early

    services.alert_acknowledge(actor=physician.user, alert=alert)
    assert reminders.notifications_cancel_stale(now=limit - dt.timedelta(minutes=4)) > 0
    assert {row.status for row in queued(NotificationKind.ALERT_ESCALATION)} == {NotificationStatus.CANCELLED}
    assert reminders.alert_escalations_produce(now=limit) == 0
