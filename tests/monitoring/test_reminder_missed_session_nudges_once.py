"""When a session is marked missed, the patient is nudged once, when its window closed."""

import datetime as dt

from django.utils import timezone

from monitoring import reminders
from monitoring.models import NotificationKind
from tests.monitoring.reminder_data import queued, scheduled_session
from treatment import services
from treatment.services import SCHEDULE_WINDOW


def test_a_missed_session_nudges_the_patient_once(patient, second_patient):
    now = timezone.now()
    session = scheduled_session(patient, now - SCHEDULE_WINDOW - dt.timedelta(minutes=5))
    assert reminders.missed_session_nudges_produce(now=now) == 0  # still scheduled

    services.session_mark_missed_and_incomplete(now=now)
    assert reminders.missed_session_nudges_produce(now=now) == 1
    assert reminders.missed_session_nudges_produce(now=now + dt.timedelta(minutes=5)) == 0
    rows = queued(NotificationKind.SESSION_MISSED)
    assert {row.recipient_id for row in rows} == {patient.user_id}
    assert {row.about for row in rows} == {f"session:{session.pk}"}
    assert all(row.send_after == session.scheduled_for + SCHEDULE_WINDOW for row in rows)


def test_an_old_missed_session_is_not_nudged_late(patient):
    now = timezone.now()
    scheduled_session(patient, now - dt.timedelta(days=3))
    services.session_mark_missed_and_incomplete(now=now)
    assert reminders.missed_session_nudges_produce(now=now) == 0
