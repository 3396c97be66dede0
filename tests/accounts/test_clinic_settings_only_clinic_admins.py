"""Only a clinic admin opens the settings page or changes settings; physicians and patients get 403."""

import pytest
from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from anodyne.errors import DomainError
from tests.accounts.clinic_settings_data import settings_form_data


@pytest.mark.parametrize("person", ["physician", "patient"])
def test_a_physician_or_patient_gets_403(client, clinic, request, person):
    cast = request.getfixturevalue(person)
    client.force_login(cast.user)
    assert client.get(reverse("clinic_settings")).status_code == 403
    assert client.post(reverse("clinic_settings"), settings_form_data(clinic, systolic_hold=170)).status_code == 403
    clinic.refresh_from_db()
    assert clinic.systolic_hold == 160


def test_the_service_refuses_a_physician(physician, clinic):
    with pytest.raises(DomainError, match="Only a clinic admin"):
        clinic_settings_update(actor=physician.user, clinic=clinic, systolic_hold=170)
    clinic.refresh_from_db()
    assert clinic.systolic_hold == 160


def test_the_clinic_admin_sees_the_groups_and_each_allowed_range(client, clinic_admin):
    client.force_login(clinic_admin)
    body = client.get(reverse("clinic_settings")).content.decode()
    for legend in (
        "Safety defaults",
        "Reminders and quiet hours",
        "Survey schedule",
        "Escalation",
        "Contact and crisis numbers",
    ):
        assert f"<legend>{legend}</legend>" in body
    assert "Allowed: 120 to 180 mmHg; default 160." in body
    assert "Allowed: 40 to 60 beats per minute; default 50." in body
    assert "Allowed: 0 to 48 hours; default 24." in body
    assert "Allowed: 1 day or more; default 7." in body


def test_the_clinic_page_links_to_the_settings(client, clinic_admin):
    client.force_login(clinic_admin)
    assert reverse("clinic_settings") in client.get(reverse("clinic")).content.decode()


def test_a_valid_change_is_saved_and_confirmed(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("clinic_settings"), settings_form_data(clinic, systolic_hold=150, crisis_line="211"), follow=True
    )
    assert "Clinic settings saved." in response.content.decode()
    clinic.refresh_from_db()
    assert (clinic.systolic_hold, clinic.crisis_line) == (150, "211")
