"""A session reminder goes out `lead` minutes before the session on the patient's own wall clock, on both sides of
their zone's daylight-saving changes, and expires when the session's window closes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.models import NotificationPreference
from monitoring import reminders
from monitoring.models import NotificationChannel, NotificationKind
from tests.monitoring.reminder_data import queued, scheduled_session
from treatment.services import SCHEDULE_WINDOW

# Days around each zone's 2026 changes: the US moves 8 March and 1 November, the EU 29 March and 25 October,
# Sydney 5 April (back) and 4 October (forward).
CASES = [
    ("America/Los_Angeles", [dt.date(2026, 3, 7), dt.date(2026, 3, 9), dt.date(2026, 10, 31), dt.date(2026, 11, 2)]),
    ("Europe/Berlin", [dt.date(2026, 3, 28), dt.date(2026, 3, 30), dt.date(2026, 10, 24), dt.date(2026, 10, 26)]),
    ("Australia/Sydney", [dt.date(2026, 4, 4), dt.date(2026, 4, 6), dt.date(2026, 10, 3), dt.date(2026, 10, 5)]),
]


@pytest.mark.parametrize(("zone_name", "days"), CASES)
def test_reminder_at_local_session_time_minus_lead(patient, zone_name, days):
    patient.time_zone = zone_name
    patient.save(update_fields=["time_zone"])
    NotificationPreference.objects.create(user=patient.user, reminder_lead_minutes=90)
    zone = ZoneInfo(zone_name)
    for day in days:
        session = scheduled_session(patient, dt.datetime.combine(day, dt.time(18, 0), tzinfo=zone))
        reminder_at = session.scheduled_for - dt.timedelta(minutes=90)
        # Queued up to LOOKAHEAD early (beat ticks every few minutes), for the dispatcher to send at send_after.
        reminders.session_reminders_produce(now=reminder_at - reminders.LOOKAHEAD - dt.timedelta(minutes=1))
        assert queued(NotificationKind.SESSION_REMINDER, about=f"session:{session.pk}") == []

        reminders.session_reminders_produce(now=reminder_at - reminders.LOOKAHEAD)
        rows = queued(NotificationKind.SESSION_REMINDER, about=f"session:{session.pk}")
        assert {row.channel for row in rows} == {NotificationChannel.EMAIL, NotificationChannel.IN_APP}
        for row in rows:
            local = row.send_after.astimezone(zone)
            assert (local.date(), local.time()) == (day, dt.time(16, 30)), zone_name
            # In UTC: an aware datetime plus a timedelta in its own zone is wall-clock arithmetic, wrong across DST.
            assert row.expires_at == session.scheduled_for.astimezone(dt.UTC) + SCHEDULE_WINDOW
            assert not row.urgent


def test_the_clinic_lead_applies_without_a_preference(patient):
    patient.clinic.reminder_lead_minutes = 30
    patient.clinic.save(update_fields=["reminder_lead_minutes"])
    zone = ZoneInfo(patient.time_zone)
    session = scheduled_session(patient, dt.datetime(2026, 3, 8, 9, 0, tzinfo=zone))  # the US change's morning
    reminders.session_reminders_produce(now=session.scheduled_for)
    (first, *_) = queued(NotificationKind.SESSION_REMINDER)
    assert first.send_after.astimezone(zone).time() == dt.time(8, 30)
