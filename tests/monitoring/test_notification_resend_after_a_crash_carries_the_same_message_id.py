"""The one ambiguous window — the provider accepted the email, the worker died before *sent* was committed — ends in
a resend with the same Message-ID (derived from the idempotency key), so the provider or mail client can tell it for
a copy. A fresh row in *sending* (its worker still busy) is left alone."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from monitoring.models import Notification, NotificationStatus
from monitoring.notifications import dispatch_due
from monitoring.transports import message_id


@pytest.mark.django_db
def test_a_stale_sending_row_is_resent_with_the_same_message_id(settings, patient):
    settings.ANODYNE_EMAIL_TRANSPORT = "email"
    now = timezone.now()
    row = Notification.objects.create(
        recipient=patient.user, channel="email", kind="survey_due", about="assignment:1", idempotency_key="k1",
        send_after=now - dt.timedelta(minutes=1),
    )  # fmt: skip
    assert dispatch_due(now=now).sent == 1

    # The crash: the provider had it, the commit of *sent* never happened.
    stuck_since = now - dt.timedelta(seconds=settings.ANODYNE_NOTIFICATION_STALE_SECONDS + 1)
    Notification.objects.filter(pk=row.pk).update(status="sending", sending_started_at=stuck_since, sent_at=None)
    assert dispatch_due(now=now).sent == 1

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"] == message_id(row)
    assert first.to == [patient.user.email]
    row.refresh_from_db()
    assert (row.status, row.provider_message_id) == (NotificationStatus.SENT, message_id(row))


@pytest.mark.django_db
def test_a_row_another_worker_is_sending_right_now_is_left_alone(settings, patient):
    settings.ANODYNE_EMAIL_TRANSPORT = "email"
    now = timezone.now()
    Notification.objects.create(
        recipient=patient.user, channel="email", kind="survey_due", about="assignment:1", idempotency_key="k1",
        send_after=now - dt.timedelta(minutes=1), status="sending", sending_started_at=now - dt.timedelta(seconds=5),
    )  # fmt: skip
    assert dispatch_due(now=now).handled == 0
    assert mail.outbox == []
