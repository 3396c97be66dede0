"""The clinic's on-call contact may have no Anodyne account: an unacknowledged critical alert still reaches them by
email, once, urgent, with no health information."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from monitoring import notifications, reminders, services
from monitoring.models import Notification, NotificationKind


def test_an_outside_on_call_contact_gets_one_email(patient, physician, clinic, settings):
    settings.ANODYNE_EMAIL_TRANSPORT = "email"
    clinic.escalation_contact_email = "oncall@answering-service.example"
    clinic.save()
    alert = services.alert_raise(
        patient=patient, kind="adverse_event", severity="critical", cause="adverse_event:1", summary="Severe event"
    )
    later = alert.first_raised_at + dt.timedelta(minutes=clinic.acknowledgment_limit_minutes + 1)
    reminders.alert_escalations_produce(now=later)
    assert reminders.alert_escalations_produce(now=later) == 0  # a second tick queues nothing more
    (row,) = Notification.objects.filter(kind=NotificationKind.ALERT_ESCALATION, recipient__isnull=True)
    assert (row.address, row.urgent) == ("oncall@answering-service.example", True)
    notifications.dispatch_due(now=timezone.now() + dt.timedelta(hours=1))
    sent = [m for m in mail.outbox if m.to == ["oncall@answering-service.example"]]
    assert len(sent) == 1
    assert "Maya" not in sent[0].body and "adverse" not in sent[0].body.lower()
