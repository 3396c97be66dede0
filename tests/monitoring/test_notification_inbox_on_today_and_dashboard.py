"""In-app notifications: the unread ones delivered so far on the patient's Today and the physician's dashboard,
with "mark as read"; someone else's notification is not found."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from monitoring import notifications, reminders, services
from monitoring.models import Notification, NotificationChannel
from tests.monitoring.conftest import raise_alert
from tests.monitoring.reminder_data import scheduled_session


def _deliver(now):
    notifications.dispatch_due(now=now)


def test_patient_sees_and_marks_read_a_reminder_on_today(client, patient, second_patient):
    now = timezone.now()
    scheduled_session(patient, now + dt.timedelta(minutes=30))
    reminders.session_reminders_produce(now=now)
    client.force_login(patient.user)
    assert "Your session is coming up" not in client.get(reverse("today")).content.decode()  # not delivered yet

    _deliver(now)
    row = Notification.objects.get(recipient=patient.user, channel=NotificationChannel.IN_APP)
    page = client.get(reverse("today")).content.decode()
    assert "Your session is coming up in Anodyne" in page
    assert reverse("notification_read", kwargs={"notification_pk": row.pk}) in page

    client.force_login(second_patient.user)
    other = client.post(reverse("notification_read", kwargs={"notification_pk": row.pk}))
    assert other.status_code == 404

    client.force_login(patient.user)
    response = client.post(reverse("notification_read", kwargs={"notification_pk": row.pk}), {"next": "/today/"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.read_at is not None
    assert "Your session is coming up" not in client.get(reverse("today")).content.decode()


def test_physician_sees_the_digest_on_the_dashboard(client, patient, physician):
    raise_alert(patient, cause="session:1")
    now = timezone.now()
    services.notification_enqueue(
        recipient=physician.user, channel=NotificationChannel.IN_APP, kind="alert_digest", about="digest:today",
        send_after=now,
    )  # fmt: skip
    _deliver(now)
    client.force_login(physician.user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "You have 1 open alert in Anodyne" in page
