"""Beat (or Redis) down for an hour: nothing ticks, the outbox waits in PostgreSQL. On the first tick after, every
notification still relevant is sent once and those whose moment has passed are marked expired, not sent late."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from monitoring.models import Notification, NotificationStatus
from monitoring.notifications import dispatch_all_due
from monitoring.transports import RecordingTransport
from tests.monitoring.notification_helpers import recording  # noqa: F401 (fixture)

# 10:00 in Chicago (the patients' zone): outside quiet hours.
OUTAGE_STARTS = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
@pytest.mark.usefixtures("recording")
def test_after_an_hour_without_beat_the_relevant_go_once_and_the_stale_expire(patient, second_patient):
    relevant, stale = [], []
    for i in range(60):  # one due every minute of the outage
        send_after = OUTAGE_STARTS + dt.timedelta(minutes=i)
        # Every third is a session reminder whose session window closed 20 minutes after its send time.
        expires_at = send_after + dt.timedelta(minutes=20) if i % 3 == 0 else send_after + dt.timedelta(hours=6)
        row = Notification.objects.create(
            recipient=(patient, second_patient)[i % 2].user,
            channel="email",
            kind="session_reminder" if i % 3 == 0 else "survey_due",
            about=f"x:{i}",
            idempotency_key=f"outage:{i}",
            send_after=send_after,
            expires_at=expires_at,
        )
        (stale if expires_at <= OUTAGE_STARTS + dt.timedelta(hours=1) else relevant).append(row.idempotency_key)
    # Queued for later than the recovery: untouched.
    Notification.objects.create(
        recipient=patient.user, channel="email", kind="survey_due", about="later", idempotency_key="later",
        send_after=OUTAGE_STARTS + dt.timedelta(hours=2),
    )  # fmt: skip

    with time_machine.travel(OUTAGE_STARTS + dt.timedelta(hours=1), tick=False):
        first = dispatch_all_due()
        second = dispatch_all_due()  # a second tick (or a second beat) right after finds nothing to do
        assert timezone.now() == OUTAGE_STARTS + dt.timedelta(hours=1)

    recorded = RecordingTransport.recorded_keys()
    assert sorted(recorded) == sorted(relevant)  # each relevant one exactly once
    assert first.sent == len(relevant) and first.expired == len(stale) and first.failed == 0
    assert second.handled == 0
    assert set(Notification.objects.filter(status="expired").values_list("idempotency_key", flat=True)) == set(stale)
    assert Notification.objects.get(idempotency_key="later").status == NotificationStatus.PENDING
