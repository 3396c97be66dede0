"""A provider failure puts the row back to pending with exponential backoff (1, 2, 4, 8 minutes) and a plain error;
after ANODYNE_NOTIFICATION_MAX_ATTEMPTS it is marked failed and left for the admin."""

import datetime as dt

import pytest
from django.utils import timezone

from monitoring.models import Notification, NotificationStatus
from monitoring.notifications import dispatch_due
from monitoring.transports import Transport


class RefusingTransport(Transport):
    def send(self, notification, message):
        raise ConnectionError("provider said no " + "x" * 400)


@pytest.mark.django_db
def test_failures_back_off_then_the_row_is_marked_failed(settings, patient):
    settings.ANODYNE_EMAIL_TRANSPORT = f"{__name__}.RefusingTransport"
    settings.ANODYNE_NOTIFICATION_MAX_ATTEMPTS = 5
    now = timezone.now()
    row = Notification.objects.create(
        recipient=patient.user, channel="email", kind="survey_due", about="assignment:1", idempotency_key="k1",
        send_after=now, urgent=True,
    )  # fmt: skip

    for attempt, wait_minutes in enumerate([1, 2, 4, 8], start=1):
        assert dispatch_due(now=now).retried == 1
        row.refresh_from_db()
        assert (row.status, row.attempts) == (NotificationStatus.PENDING, attempt)
        assert row.send_after == now + dt.timedelta(minutes=wait_minutes)
        assert row.last_error.startswith("ConnectionError: provider said no") and len(row.last_error) == 300
        assert dispatch_due(now=row.send_after - dt.timedelta(seconds=1)).handled == 0  # not before its time
        now = row.send_after

    assert dispatch_due(now=now).failed == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at) == (NotificationStatus.FAILED, 5, None)
    assert dispatch_due(now=now + dt.timedelta(days=1)).handled == 0
