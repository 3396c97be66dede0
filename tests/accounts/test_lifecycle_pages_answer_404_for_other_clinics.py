"""A clinic admin reaches only their own clinic's people: another clinic's staff and patients are a 404 on every
lifecycle page, and the services refuse them too."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import CareTeamMembership
from anodyne.errors import DomainError
from tests.factories import UserFactory, give_totp


@pytest.fixture
def outside_admin(outside_clinic):
    admin = UserFactory(clinic=outside_clinic, full_name="Robin Vale", email="admin@harbor.test")
    give_totp(admin)
    return admin


STAFF_PAGES = ["staff_deactivate", "staff_reactivate", "staff_handover"]
PATIENT_PAGES = ["patient_care_team", "patient_status", "patient_deactivate", "patient_reactivate"]


@pytest.mark.parametrize("url_name", STAFF_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_clinics_physician_is_not_found(client, outside_admin, physician, patient, url_name, method):
    client.force_login(outside_admin)
    response = getattr(client, method)(reverse(url_name, kwargs={"user_pk": physician.user.pk}))
    assert response.status_code == 404
    physician.user.refresh_from_db()
    assert physician.user.is_active


@pytest.mark.parametrize("url_name", ["staff_deactivate", "staff_reactivate"])
def test_another_clinics_admin_is_not_found(client, outside_admin, clinic_admin, url_name):
    client.force_login(outside_admin)
    assert client.post(reverse(url_name, kwargs={"user_pk": clinic_admin.pk})).status_code == 404


def test_a_patient_is_not_staff_on_the_staff_pages(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    assert client.get(reverse("staff_deactivate", kwargs={"user_pk": patient.user.pk})).status_code == 404


@pytest.mark.parametrize("url_name", PATIENT_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_clinics_patient_is_not_found(client, outside_admin, patient, url_name, method):
    client.force_login(outside_admin)
    response = getattr(client, method)(
        reverse(url_name, kwargs={"patient_pk": patient.pk}), {"status": "discharged", "reason": "x"}
    )
    assert response.status_code == 404
    assert "Maya Patel" not in response.content.decode()
    patient.refresh_from_db()
    patient.user.refresh_from_db()
    assert (patient.status, patient.user.is_active) == ("active", True)


def test_an_outside_physician_cannot_be_put_on_a_care_team(client, clinic_admin, patient, outside_physician):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("patient_care_team", kwargs={"patient_pk": patient.pk}),
        {"action": "assign", "physician": outside_physician.pk},
    )
    assert response.status_code == 200
    assert not CareTeamMembership.objects.filter(physician=outside_physician, patient=patient).exists()


def test_the_services_refuse_another_clinics_people(outside_admin, physician, other_physician, patient):
    for attempt in (
        lambda: services.user_deactivate(actor=outside_admin, user=patient.user),
        lambda: services.care_team_assign(actor=outside_admin, patient=patient, physician=other_physician),
        lambda: services.care_team_reassign(
            actor=outside_admin, from_physician=physician, to_physician=other_physician
        ),
        lambda: services.patient_discharge(actor=outside_admin, patient=patient, reason="moved away"),
    ):
        with pytest.raises(DomainError, match="not part of your clinic"):
            attempt()
