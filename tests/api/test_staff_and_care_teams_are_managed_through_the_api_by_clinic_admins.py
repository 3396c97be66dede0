"""The clinic admin manages people through the API, as on the lifecycle pages (accounts.services): the staff list
with two-factor status and patient counts; deactivating a physician waits until their patients are handed over
(assign another physician to the care team, then take the first off), deactivation ends sign-in at once and
reactivation restores it; a patient's account likewise. Physicians are refused these lists (403)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.staff_data import colleague, login, write

pytestmark = pytest.mark.django_db


def _staff_change(client, user, what):
    return write(client, "post", reverse(f"api:staff_{what}", kwargs={"user_pk": user.pk}))


def _care_team(client, patient, action, physician):
    url = reverse("api:patient_care_team", kwargs={"patient_pk": patient.pk})
    return write(client, "post", url, {"action": action, "physician_id": physician.pk})


def test_the_staff_list(client, clinic_admin, physician, patient, second_patient):
    login(client, clinic_admin)
    staff = client.get(reverse("api:staff_list")).json()["results"]
    assert [(m["full_name"], m["role"], m["has_mfa"], m["patient_count"]) for m in staff] == [
        ("Alex Morgan", "clinic_admin", True, 0),
        ("Elena Rivera", "physician", True, 2),
    ]
    assert staff[1]["physician_id"] == physician.pk and staff[0]["physician_id"] is None
    physicians = client.get(reverse("api:staff_list"), {"role": "physician"}).json()["results"]
    assert [m["full_name"] for m in physicians] == ["Elena Rivera"]


def test_a_physician_is_handed_over_then_deactivated_then_reactivated(client, clinic, clinic_admin, physician, patient):
    signed_in = login(Client(), physician)
    assert signed_in.get(reverse("api:me")).status_code == 200
    login(client, clinic_admin)
    refused = _staff_change(client, physician.user, "deactivate")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "handover_needed"

    newcomer = colleague(clinic)
    team = _care_team(client, patient, "assign", newcomer).json()
    assert sorted(member["full_name"] for member in team) == ["Elena Rivera", "Priya Shah"]
    assert _care_team(client, patient, "assign", newcomer).status_code == 409  # already on it
    team = _care_team(client, patient, "unassign", physician).json()
    assert [member["full_name"] for member in team] == ["Priya Shah"]

    response = _staff_change(client, physician.user, "deactivate")
    assert (response.status_code, response.json()["is_active"]) == (200, False)
    assert signed_in.get(reverse("api:me")).status_code == 401  # signed out everywhere, at once

    assert _staff_change(client, physician.user, "reactivate").json()["is_active"] is True


def test_the_last_active_physician_of_an_active_patient_stays(client, clinic_admin, physician, patient):
    login(client, clinic_admin)
    response = _care_team(client, patient, "unassign", physician)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "last_physician"


def test_a_physician_of_another_clinic_cannot_be_assigned(client, clinic_admin, patient, outside_physician):
    login(client, clinic_admin)
    response = _care_team(client, patient, "assign", outside_physician)
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "physician_id"


def test_a_patients_account_is_deactivated_and_reactivated(client, clinic_admin, patient):
    login(client, clinic_admin)
    url = reverse("api:patient_deactivate", kwargs={"patient_pk": patient.pk})
    assert write(client, "post", url).json()["is_active"] is False
    patient.user.refresh_from_db()
    assert not patient.user.is_active
    url = reverse("api:patient_reactivate", kwargs={"patient_pk": patient.pk})
    assert write(client, "post", url).json()["is_active"] is True


def test_physicians_are_refused_the_clinic_admins_lists(client, physician, patient):
    login(client, physician)
    for name in ("api:staff_list", "api:audit_log"):
        assert client.get(reverse(name)).status_code == 403
    url = reverse("api:patient_deactivate", kwargs={"patient_pk": patient.pk})
    assert write(client, "post", url).status_code == 403
