"""The patient's notification preferences: the defaults until first saved, a PATCH changes only the fields sent
through the page's service (audited, field names only), and its refusals come back as 400s."""

import pytest

from accounts.models import AuditEvent, NotificationPreference

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/preferences/"


@pytest.fixture
def maya(client, patient):
    client.force_login(patient.user)
    return patient


def _patch(client, body, **headers):
    return client.patch(URL, body, content_type="application/json", headers=headers)


def test_the_defaults_until_first_saved(client, maya):
    assert client.get(URL).json() == {
        "email_enabled": True,
        "sms_enabled": False,
        "sms_phone": "",
        "quiet_hours_start": "21:00",
        "quiet_hours_end": "08:00",
        "reminder_lead_minutes": None,
    }
    assert not NotificationPreference.objects.exists()


def test_a_patch_changes_only_the_fields_sent(client, maya):
    response = _patch(client, {"quiet_hours_start": "20:00", "sms_enabled": True})
    assert response.status_code == 200
    assert (response.json()["quiet_hours_start"], response.json()["sms_enabled"]) == ("20:00", True)
    assert response.json()["quiet_hours_end"] == "08:00"
    saved = NotificationPreference.objects.get(user=maya.user)
    assert (saved.sms_enabled, saved.email_enabled, str(saved.quiet_hours_start)) == (True, True, "20:00:00")
    audit = AuditEvent.objects.filter(object_type="notification_preference").get()
    assert audit.detail == "changed: quiet_hours_start, sms_enabled"


def test_refusals_are_400s_and_save_nothing(client, maya):
    equal = _patch(client, {"quiet_hours_start": "08:00"})
    assert equal.status_code == 400
    assert equal.json()["errors"][0]["detail"] == "Quiet hours must start and end at different times."
    out_of_range = _patch(client, {"reminder_lead_minutes": 2})
    assert out_of_range.status_code == 400 and out_of_range.json()["errors"][0]["attr"] == "reminder_lead_minutes"
    assert not NotificationPreference.objects.exists()


def test_a_patch_with_a_key_is_replayed(client, maya):
    first = _patch(client, {"email_enabled": False}, **{"Idempotency-Key": "prefs-1"})
    again = _patch(client, {"email_enabled": False}, **{"Idempotency-Key": "prefs-1"})
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert AuditEvent.objects.filter(object_type="notification_preference").count() == 1


def test_quiet_hours_are_local_times_without_an_offset(client, maya):
    response = _patch(client, {"quiet_hours_start": "20:00Z"})
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "quiet_hours_start"
    assert not NotificationPreference.objects.exists()
