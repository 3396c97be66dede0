"""Every API failure has one documented shape — `{"type", "errors": [{"code", "detail", "attr"}]}` — with the right
status and no stack trace: unauthenticated 401, a role's refusal 403, an unknown endpoint 404."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import PhysicianFactory

pytestmark = pytest.mark.django_db


def _shape(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"type", "errors"}
    assert body["type"] in {"client_error", "validation_error", "server_error"}
    assert body["errors"][0]["code"] == code
    assert set(body["errors"][0]) == {"code", "detail", "attr"}
    assert "Traceback" not in response.content.decode()
    return body


def test_without_credentials_is_401_with_the_scheme_named(client):
    response = client.get(reverse("api:me"))
    _shape(response, 401, "not_authenticated")
    assert "X-Session-Token" in response["WWW-Authenticate"]


def test_an_unknown_endpoint_is_404_in_the_same_shape(client, patient):
    client.force_login(patient.user)
    _shape(client.get("/api/v1/no/such/thing/"), 404, "not_found")


def test_staff_without_two_factor_get_403_not_a_redirect(client, clinic):
    physician = PhysicianFactory(clinic=clinic)  # no authenticator yet
    client.force_login(physician.user)
    body = _shape(client.get(reverse("api:me")), 403, "permission_denied")
    assert "two-factor" in body["errors"][0]["detail"]


def test_signed_in_people_reach_me(client, patient, physician):
    client.force_login(patient.user)
    assert client.get(reverse("api:me")).json() | {} == {
        "id": patient.user.pk,
        "email": patient.user.email,
        "full_name": patient.user.full_name,
        "role": Role.PATIENT,
        "clinic": patient.clinic.name,
        "patient_id": patient.pk,
    }
    client.force_login(physician.user)
    assert client.get(reverse("api:me")).json()["patient_id"] is None
