"""The preferences page: defaults until the first save, which creates the row; the choice changes which channels the
producers queue; bad input saves nothing; staff choose the digest."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, NotificationPreference
from monitoring import reminders
from monitoring.models import NotificationChannel, NotificationKind
from tests.monitoring.reminder_data import channels, scheduled_session

URL = reverse("notification_preferences")


def test_patient_saves_preferences_and_the_channels_follow(client, patient):
    client.force_login(patient.user)
    page = client.get(URL).content.decode()
    assert 'name="sms_phone"' in page and 'name="reminder_lead_minutes"' in page and "digest" not in page
    assert not NotificationPreference.objects.filter(user=patient.user).exists()

    response = client.post(
        URL,
        {"sms_enabled": "on", "sms_phone": "+1 555 0142", "quiet_hours_start": "22:00", "quiet_hours_end": "07:00",
         "reminder_lead_minutes": "45"},
    )  # fmt: skip
    assert response.status_code == 302
    saved = NotificationPreference.objects.get(user=patient.user)
    assert (saved.email_enabled, saved.sms_enabled, saved.sms_phone) == (False, True, "+1 555 0142")
    assert (saved.quiet_hours_start, saved.quiet_hours_end, saved.reminder_lead_minutes) == (
        dt.time(22),
        dt.time(7),
        45,
    )
    audit = AuditEvent.objects.filter(object_type="notification_preference").get()
    assert "sms_phone" in audit.detail and "+1 555" not in audit.detail

    session = scheduled_session(patient, timezone.now() + dt.timedelta(minutes=40))
    reminders.session_reminders_produce(now=timezone.now())
    assert channels(NotificationKind.SESSION_REMINDER, about=f"session:{session.pk}") == {
        (patient.user_id, NotificationChannel.SMS),
        (patient.user_id, NotificationChannel.IN_APP),
    }


def test_bad_input_saves_nothing(client, patient):
    client.force_login(patient.user)
    for bad in (
        {"quiet_hours_start": "21:00", "quiet_hours_end": "21:00", "email_enabled": "on"},
        {"quiet_hours_start": "21:00", "quiet_hours_end": "08:00", "reminder_lead_minutes": "2"},
        {"quiet_hours_start": "25:00", "quiet_hours_end": "08:00"},
    ):
        response = client.post(URL, bad)
        assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=patient.user).exists()


def test_sms_needs_a_number(client, patient):
    patient.phone = ""
    patient.save(update_fields=["phone"])
    client.force_login(patient.user)
    response = client.post(URL, {"sms_enabled": "on", "quiet_hours_start": "21:00", "quiet_hours_end": "08:00"})
    assert "Give a phone number for text messages" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=patient.user).exists()


def test_physician_chooses_the_digest(client, physician):
    client.force_login(physician.user)
    page = client.get(URL).content.decode()
    assert 'name="digest_time"' in page and "sms_phone" not in page
    response = client.post(URL, {"email_enabled": "on", "digest_enabled": "on", "digest_time": "06:15"})
    assert response.status_code == 302
    saved = NotificationPreference.objects.get(user=physician.user)
    assert (saved.email_enabled, saved.digest_enabled, saved.digest_time) == (True, True, dt.time(6, 15))
