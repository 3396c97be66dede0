"""A help request is a critical alert, so it escalates like every critical alert (monitoring.reminders): urgently, to
the care team, the clinic's admins and the on-call contact, once the clinic's acknowledgment limit has passed."""

import datetime as dt

import time_machine
from django.utils import timezone

from monitoring import reminders
from monitoring.models import Alert, AlertKind, Notification, NotificationKind
from tests.treatment.help_data import session_in_progress
from treatment import help as help_services


def test_an_unacknowledged_help_alert_escalates_to_the_on_call_contact(
    ready_patient, physician, other_physician, clinic_admin
):
    clinic = ready_patient.clinic
    clinic.acknowledgment_limit_minutes = 15
    clinic.escalation_contact_email = other_physician.user.email  # the on-call physician this week
    clinic.save(update_fields=["acknowledgment_limit_minutes", "escalation_contact_email"])
    pressed = timezone.now()
    with time_machine.travel(pressed, tick=False):
        session = session_in_progress(ready_patient)
        help_services.session_help_request(actor=ready_patient.user, session=session)
    alert = Alert.objects.get(kind=AlertKind.HELP_REQUESTED)

    limit = pressed + dt.timedelta(minutes=15)
    assert reminders.alert_escalations_produce(now=limit - reminders.LOOKAHEAD - dt.timedelta(minutes=1)) == 0
    assert reminders.alert_escalations_produce(now=limit) == 3
    rows = Notification.objects.filter(kind=NotificationKind.ALERT_ESCALATION)
    assert {row.recipient_id for row in rows} == {physician.user_id, other_physician.user_id, clinic_admin.pk}
    assert {row.about for row in rows} == {f"alert:{alert.pk}"}
    assert all(row.urgent for row in rows)
