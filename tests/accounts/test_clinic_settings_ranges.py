"""Every number on the settings page is accepted at its limits and refused one beyond them, changing nothing.

Ranges: CLINICAL.md section 2 (systolic 120-180, diastolic 70-110, heart rate lower 40-60 and upper 90-130, no
driving 0-48 h, fasting 0-12 h) and the clinic's own limits on reminders, escalation and the survey schedule.
"""

import pytest
from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from accounts.models import AuditAction, AuditEvent, Clinic
from anodyne.errors import DomainError
from tests.accounts.clinic_settings_data import settings_form_data

# (field, lowest allowed, highest allowed or None when only the column limits it)
RANGES = [
    ("systolic_hold", 120, 180),
    ("diastolic_hold", 70, 110),
    ("heart_rate_lower", 40, 60),
    ("heart_rate_upper", 90, 130),
    ("no_driving_hours", 0, 48),
    ("fasting_hours", 0, 12),
    ("reminder_lead_minutes", 5, 1440),
    ("acknowledgment_limit_minutes", 5, 1440),
    ("followup_nrs_after_hours", 1, None),
    ("peg3_every_days", 1, None),
    ("phq9_every_days", 1, None),
    ("gad7_every_days", 1, None),
    ("pgic_every_days", 1, None),
    ("bladder_every_days", 1, None),
    ("survey_expiry_hours", 1, None),
]

ACCEPTED = [(name, low) for name, low, _ in RANGES] + [(name, high) for name, _, high in RANGES if high is not None]
REFUSED = [(name, low - 1) for name, low, _ in RANGES] + [
    (name, high + 1) for name, _, high in RANGES if high is not None
]


def _snapshot(clinic):
    return {field.name: getattr(clinic, field.name) for field in Clinic._meta.concrete_fields}


@pytest.mark.parametrize(("name", "value"), ACCEPTED)
def test_a_setting_at_its_limit_is_accepted(clinic_admin, clinic, name, value):
    clinic_settings_update(actor=clinic_admin, clinic=clinic, **{name: value})
    clinic.refresh_from_db()
    assert getattr(clinic, name) == value


@pytest.mark.parametrize(("name", "value"), REFUSED)
def test_a_setting_just_beyond_its_limit_is_refused_and_nothing_changes(clinic_admin, clinic, name, value):
    before = _snapshot(clinic)
    with pytest.raises(DomainError, match=r"Ensure this value is (greater|less) than or equal to"):
        # Another, valid change rides along: it must not be saved either.
        clinic_settings_update(actor=clinic_admin, clinic=clinic, crisis_line="211", **{name: value})
    clinic.refresh_from_db()
    assert _snapshot(clinic) == before
    assert not AuditEvent.objects.filter(action=AuditAction.SETTINGS_CHANGE).exists()


def test_systolic_181_on_the_page_shows_the_message_and_saves_nothing(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    before = _snapshot(clinic)
    response = client.post(
        reverse("clinic_settings"), settings_form_data(clinic, systolic_hold=181, diastolic_hold=100)
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 180." in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    clinic.refresh_from_db()
    assert _snapshot(clinic) == before


def test_systolic_119_on_the_page_is_refused(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(reverse("clinic_settings"), settings_form_data(clinic, systolic_hold=119))
    assert "Ensure this value is greater than or equal to 120." in response.content.decode()
    clinic.refresh_from_db()
    assert clinic.systolic_hold == 160
