"""A settings change writes one audit row naming the changed fields, never their values."""

from datetime import time

from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from accounts.models import AuditAction, AuditEvent
from tests.accounts.clinic_settings_data import settings_form_data


def test_a_change_is_one_audit_row_naming_the_changed_fields(clinic_admin, clinic):
    clinic_settings_update(
        actor=clinic_admin,
        clinic=clinic,
        systolic_hold=150,
        quiet_hours_start=time(22, 0),
        diastolic_hold=90,  # the value it already has: not a change
    )
    event = AuditEvent.objects.get(action=AuditAction.SETTINGS_CHANGE)
    assert event.detail == "systolic_hold, quiet_hours_start"
    assert "150" not in event.detail and "22" not in event.detail
    assert (event.actor, event.clinic, event.object_type, event.object_id) == (
        clinic_admin,
        clinic,
        "clinic",
        str(clinic.pk),
    )
    assert event.patient is None


def test_saving_the_page_unchanged_writes_no_audit_row(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(reverse("clinic_settings"), settings_form_data(clinic))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.SETTINGS_CHANGE).exists()


def test_saving_the_page_audits_only_what_the_admin_changed(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    client.post(
        reverse("clinic_settings"),
        settings_form_data(clinic, sitter_required=False, escalation_contact_email="oncall@sunrise.test"),
    )
    event = AuditEvent.objects.get(action=AuditAction.SETTINGS_CHANGE)
    assert event.detail == "sitter_required, escalation_contact_email"
    assert "oncall@" not in event.detail


def test_changing_every_setting_at_once_still_fits_one_row(clinic_admin, clinic):
    clinic_settings_update(
        actor=clinic_admin,
        clinic=clinic,
        systolic_hold=150,
        diastolic_hold=85,
        heart_rate_lower=45,
        heart_rate_upper=110,
        hold_on_open_safety_alert=False,
        sitter_required=False,
        no_driving_hours=12,
        fasting_hours=4,
        reminder_lead_minutes=30,
        quiet_hours_start=time(22, 0),
        quiet_hours_end=time(7, 0),
        followup_nrs_after_hours=12,
        peg3_every_days=6,
        phq9_every_days=13,
        gad7_every_days=13,
        pgic_every_days=27,
        bladder_every_days=27,
        survey_expiry_hours=48,
        escalation_contact_name="On call",
        acknowledgment_limit_minutes=20,
    )
    event = AuditEvent.objects.get(action=AuditAction.SETTINGS_CHANGE)
    assert len(event.detail) <= 200
    assert event.detail.startswith("systolic_hold, diastolic_hold")
    assert event.detail.endswith(" more")
