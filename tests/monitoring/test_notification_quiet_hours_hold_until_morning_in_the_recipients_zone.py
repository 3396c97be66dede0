"""Quiet hours (default 21:00-08:00) are read on the recipient's own wall clock, across daylight-saving changes: a
non-urgent message is held to the end of quiet hours; an urgent one goes at once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.models import NotificationPreference
from monitoring.models import Notification, NotificationStatus
from monitoring.notifications import dispatch_due, quiet_hours_end
from monitoring.transports import RecordingTransport
from tests.factories import PatientFactory
from tests.monitoring.notification_helpers import recording  # noqa: F401 (fixture)

NIGHT, MORNING = dt.time(21, 0), dt.time(8, 0)
UTC = dt.UTC

# (zone, a night moment in UTC, when quiet hours end in UTC) — each night spans the zone's DST change.
DST_NIGHTS = [
    # Los Angeles springs forward 2026-03-08: 23:30 PST, morning is 08:00 PDT (UTC-7).
    ("America/Los_Angeles", dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC), dt.datetime(2026, 3, 8, 15, 0, tzinfo=UTC)),
    # ... and falls back 2026-11-01: 22:00 PDT, morning is 08:00 PST (UTC-8).
    ("America/Los_Angeles", dt.datetime(2026, 11, 1, 5, 0, tzinfo=UTC), dt.datetime(2026, 11, 1, 16, 0, tzinfo=UTC)),
    # Berlin 2026-03-29: 22:00 CET, morning 08:00 CEST (UTC+2).
    ("Europe/Berlin", dt.datetime(2026, 3, 28, 21, 0, tzinfo=UTC), dt.datetime(2026, 3, 29, 6, 0, tzinfo=UTC)),
    # Berlin 2026-10-25: 23:00 CEST, morning 08:00 CET (UTC+1).
    ("Europe/Berlin", dt.datetime(2026, 10, 24, 21, 0, tzinfo=UTC), dt.datetime(2026, 10, 25, 7, 0, tzinfo=UTC)),
    # Sydney ends DST 2026-04-05: 22:00 AEDT, morning 08:00 AEST (UTC+10).
    ("Australia/Sydney", dt.datetime(2026, 4, 4, 11, 0, tzinfo=UTC), dt.datetime(2026, 4, 4, 22, 0, tzinfo=UTC)),
    # Sydney starts DST 2026-10-04: 22:00 AEST, morning 08:00 AEDT (UTC+11).
    ("Australia/Sydney", dt.datetime(2026, 10, 3, 12, 0, tzinfo=UTC), dt.datetime(2026, 10, 3, 21, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("zone", "night", "morning"), DST_NIGHTS)
def test_quiet_hours_end_at_eight_local_across_the_dst_change(zone, night, morning):
    assert quiet_hours_end(at=night, zone=ZoneInfo(zone), start=NIGHT, end=MORNING) == morning
    assert morning.astimezone(ZoneInfo(zone)).time() == MORNING


def test_quiet_hours_bounds_and_hours_that_do_not_wrap_midnight():
    zone = ZoneInfo("Europe/Berlin")
    local = lambda h, m=0: dt.datetime(2026, 6, 10, h, m, tzinfo=zone)  # noqa: E731
    assert quiet_hours_end(at=local(21), zone=zone, start=NIGHT, end=MORNING) == local(8) + dt.timedelta(days=1)
    assert quiet_hours_end(at=local(6), zone=zone, start=NIGHT, end=MORNING) == local(8)
    assert quiet_hours_end(at=local(8), zone=zone, start=NIGHT, end=MORNING) is None
    assert quiet_hours_end(at=local(12), zone=zone, start=NIGHT, end=MORNING) is None
    # A siesta: 13:00-15:00.
    assert quiet_hours_end(at=local(14), zone=zone, start=dt.time(13), end=dt.time(15)) == local(15)
    assert quiet_hours_end(at=local(15), zone=zone, start=dt.time(13), end=dt.time(15)) is None


def _due(user, key, *, at, urgent=False):
    return Notification.objects.create(
        recipient=user, channel="email", kind="session_reminder", about=key, idempotency_key=key,
        send_after=at - dt.timedelta(minutes=1), urgent=urgent,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.usefixtures("recording")
@pytest.mark.parametrize(("zone", "night", "morning"), DST_NIGHTS)
def test_dispatch_holds_a_reminder_to_local_morning_and_sends_an_urgent_one_now(clinic, zone, night, morning):
    patient = PatientFactory(clinic=clinic, time_zone=zone)
    held = _due(patient.user, "held", at=night)
    urgent = _due(patient.user, "urgent", at=night, urgent=True)

    result = dispatch_due(now=night)

    assert (result.sent, result.deferred) == (1, 1)
    held.refresh_from_db()
    assert (held.status, held.send_after) == (NotificationStatus.PENDING, morning)
    urgent.refresh_from_db()
    assert urgent.status == NotificationStatus.SENT
    assert RecordingTransport.recorded_keys() == ["urgent"]

    assert dispatch_due(now=morning - dt.timedelta(minutes=1)).handled == 0  # still held a minute before
    assert dispatch_due(now=morning).sent == 1
    assert RecordingTransport.recorded_keys() == ["urgent", "held"]


@pytest.mark.django_db
@pytest.mark.usefixtures("recording")
def test_the_patients_own_quiet_hours_win_over_the_clinics(clinic):
    clinic.quiet_hours_start, clinic.quiet_hours_end = dt.time(22), dt.time(7)
    clinic.save()
    patient = PatientFactory(clinic=clinic, time_zone="Europe/Berlin")
    zone = ZoneInfo("Europe/Berlin")
    at = dt.datetime(2026, 6, 10, 21, 30, tzinfo=zone)  # quiet for the patient, not for the clinic's default

    NotificationPreference.objects.create(user=patient.user, quiet_hours_start=dt.time(20), quiet_hours_end=dt.time(9))
    held = _due(patient.user, "own", at=at)
    assert dispatch_due(now=at).deferred == 1
    held.refresh_from_db()
    assert held.send_after == dt.datetime(2026, 6, 11, 9, 0, tzinfo=zone)


@pytest.mark.django_db
@pytest.mark.usefixtures("recording")
def test_staff_quiet_hours_follow_the_clinics_time_zone(clinic, physician):
    clinic.time_zone = "Australia/Sydney"
    clinic.save()
    zone = ZoneInfo("Australia/Sydney")
    at = dt.datetime(2026, 6, 10, 23, 0, tzinfo=zone)
    held = _due(physician.user, "digest", at=at)
    assert dispatch_due(now=at).deferred == 1
    held.refresh_from_db()
    assert held.send_after == dt.datetime(2026, 6, 11, 8, 0, tzinfo=zone)
