"""A physician with open alerts gets one digest a day at their digest time in the clinic's zone: a count and a
link, never a patient's name."""

import datetime as dt
from zoneinfo import ZoneInfo

from accounts.models import NotificationPreference
from monitoring import reminders
from monitoring.models import NotificationChannel, NotificationKind
from monitoring.notifications import render
from tests.monitoring.conftest import raise_alert
from tests.monitoring.reminder_data import queued


def test_digest_at_local_digest_time_once_with_counts_only(patient, second_patient, physician, other_physician):
    clinic = physician.clinic
    clinic.time_zone = "Europe/Berlin"
    clinic.save(update_fields=["time_zone"])
    zone = ZoneInfo("Europe/Berlin")
    NotificationPreference.objects.create(user=physician.user, digest_time=dt.time(6, 45))
    raise_alert(patient, cause="session:1")
    raise_alert(second_patient, cause="session:2")
    # 29 March 2026: Berlin moves to summer time at 02:00 that morning.
    digest_at = dt.datetime(2026, 3, 29, 6, 45, tzinfo=zone)

    assert reminders.alert_digests_produce(now=digest_at - reminders.LOOKAHEAD - dt.timedelta(minutes=1)) == 0
    assert reminders.alert_digests_produce(now=digest_at) == 1
    assert reminders.alert_digests_produce(now=digest_at + dt.timedelta(hours=2)) == 0

    rows = queued(NotificationKind.ALERT_DIGEST)
    assert {(row.recipient_id, row.channel) for row in rows} == {
        (physician.user_id, NotificationChannel.EMAIL),
        (physician.user_id, NotificationChannel.IN_APP),
    }  # other_physician is on no care team: no alerts, no digest
    for row in rows:
        assert row.about == "digest:2026-03-29"
        assert row.send_after.astimezone(zone).time() == dt.time(6, 45)
        message = render(row)
        assert "2 open alerts" in message.subject
        for text in (message.subject, message.body):
            assert "Maya" not in text and "Patel" not in text and "James" not in text and "Nguyen" not in text


def test_no_digest_when_turned_off_or_nothing_open(patient, physician, other_physician):
    NotificationPreference.objects.create(user=physician.user, digest_enabled=False)
    raise_alert(patient, cause="session:1")
    zone = ZoneInfo(physician.clinic.time_zone)
    assert reminders.alert_digests_produce(now=dt.datetime(2026, 5, 4, 7, 30, tzinfo=zone)) == 0
