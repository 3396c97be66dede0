"""A clinic admin changes their own clinic's settings only: the page has no clinic to choose, the service refuses."""

import pytest
from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from anodyne.errors import DomainError
from tests.accounts.clinic_settings_data import settings_form_data
from tests.factories import UserFactory, give_totp


@pytest.fixture
def outside_admin(outside_clinic):
    admin = UserFactory(clinic=outside_clinic, full_name="Riley Chen", email="admin@harbor.test")
    give_totp(admin)
    return admin


def test_an_admin_of_another_clinic_cannot_change_this_clinic(outside_admin, clinic):
    with pytest.raises(DomainError, match="of this clinic"):
        clinic_settings_update(actor=outside_admin, clinic=clinic, systolic_hold=170)
    clinic.refresh_from_db()
    assert clinic.systolic_hold == 160


def test_the_page_only_ever_edits_the_admins_own_clinic(client, outside_admin, outside_clinic, clinic):
    client.force_login(outside_admin)
    response = client.post(reverse("clinic_settings"), settings_form_data(clinic, systolic_hold=170))
    assert response.status_code == 302
    clinic.refresh_from_db()
    outside_clinic.refresh_from_db()
    assert clinic.systolic_hold == 160
    assert outside_clinic.systolic_hold == 170


def test_the_page_shows_the_admins_own_clinic(client, outside_admin):
    client.force_login(outside_admin)
    body = client.get(reverse("clinic_settings")).content.decode()
    assert "Harbor Pain Center" in body and "Sunrise Pain Clinic" not in body
