"""Every producer is idempotent: a second tick, at the same moment or a little later, queues no second row."""

import datetime as dt

from django.utils import timezone

from monitoring import reminders
from monitoring.models import Notification, Severity
from tests.monitoring.conftest import raise_alert
from tests.monitoring.reminder_data import scheduled_session
from tests.monitoring.survey_data import assign
from treatment.models import SessionStatus, TreatmentSession


def test_two_ticks_leave_the_same_rows(patient, second_patient, physician, clinic_admin):
    now = timezone.now()
    scheduled_session(patient, now + dt.timedelta(minutes=30))
    TreatmentSession.objects.create(
        patient=second_patient, status=SessionStatus.MISSED, scheduled_for=now - dt.timedelta(hours=13)
    )
    assign(patient, "phq9", due_at=now - dt.timedelta(hours=10), hours=20)
    raise_alert(patient, severity=Severity.CRITICAL, cause="session:1")
    with_alert_raised_long_ago = now + dt.timedelta(hours=1)

    first = reminders.notifications_produce(now=with_alert_raised_long_ago)
    rows = sorted(Notification.objects.values_list("idempotency_key", flat=True))
    assert first.session_reminders == 1 and first.sessions_missed == 1 and first.escalations >= 1
    assert first.surveys_due == 1 and first.surveys_expiring == 1

    again = reminders.notifications_produce(now=with_alert_raised_long_ago)
    later = reminders.notifications_produce(now=with_alert_raised_long_ago + dt.timedelta(minutes=5))
    assert sorted(Notification.objects.values_list("idempotency_key", flat=True)) == rows
    for result in (again, later):
        assert (result.session_reminders, result.sessions_missed, result.escalations) == (0, 0, 0)
        assert (result.surveys_due, result.surveys_expiring) == (0, 0)
