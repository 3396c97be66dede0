"""The clinic's message reply time is a setting on the settings page: 1 to 168 hours (a week), 24 by default.
Accepted at its limits, refused one beyond them with the validator's message, changing nothing."""

import pytest
from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from tests.accounts.clinic_settings_data import settings_form_data


def test_the_default_is_24_hours(clinic):
    assert clinic.message_reply_hours == 24


@pytest.mark.parametrize("hours", [1, 168])
def test_the_limits_are_accepted(clinic_admin, clinic, hours):
    clinic_settings_update(actor=clinic_admin, clinic=clinic, message_reply_hours=hours)
    clinic.refresh_from_db()
    assert clinic.message_reply_hours == hours
    assert AuditEvent.objects.get(action=AuditAction.SETTINGS_CHANGE).detail == "message_reply_hours"


@pytest.mark.parametrize(
    ("hours", "message"),
    [(0, "greater than or equal to 1"), (169, "less than or equal to 168")],
)
def test_one_beyond_the_limits_is_refused(clinic_admin, clinic, hours, message):
    with pytest.raises(DomainError, match=f"Ensure this value is {message}"):
        clinic_settings_update(actor=clinic_admin, clinic=clinic, message_reply_hours=hours)
    clinic.refresh_from_db()
    assert clinic.message_reply_hours == 24


def test_the_settings_page_shows_and_saves_it(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    html = client.get(reverse("clinic_settings")).content.decode()
    assert "Reply to patients&#x27; messages within" in html
    assert "Allowed: 1 to 168 hours; default 24." in html
    assert 'name="message_reply_hours"' in html and 'max="168"' in html
    response = client.post(reverse("clinic_settings"), settings_form_data(clinic, message_reply_hours=169))
    assert "Ensure this value is less than or equal to 168." in response.content.decode()
    response = client.post(reverse("clinic_settings"), settings_form_data(clinic, message_reply_hours=48))
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.message_reply_hours == 48
