"""The FHIR export of a patient's record is for the patient themself (at /patients/{id}/fhir/ and /me/fhir/), the
physicians of their care team and their clinic's admins; each export is one audit row, an EXPORT naming the
patient. Anyone else gets a 404, audited as a denied export (the access matrix walks the other outsiders)."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.api.staff_data import login

pytestmark = pytest.mark.django_db


def _rows(response):
    return list(AuditEvent.objects.filter(request_id=response["X-Request-ID"]))


@pytest.mark.parametrize("who", ["patient", "physician", "clinic_admin"])
def test_the_patient_their_physician_and_their_clinic_admin_export_it(client, request, patient, who):
    person = request.getfixturevalue(who)
    login(client, person)
    response = client.get(reverse("api:patient_fhir", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    body = response.json()
    assert body["resourceType"] == "Bundle" and body["type"] == "collection"
    assert body["entry"][0]["resource"]["name"] == [{"text": "Maya Patel"}]
    (row,) = _rows(response)
    assert (row.action, row.patient, row.outcome, row.detail) == (
        AuditAction.EXPORT,
        patient,
        AuditOutcome.SUCCESS,
        "fhir",
    )
    assert row.actor == getattr(person, "user", person)


def test_a_patient_exports_their_own_at_me(client, patient):
    login(client, patient)
    response = client.get(reverse("api:my_fhir"))
    assert response.status_code == 200
    assert response.json()["entry"][0]["resource"]["birthDate"] == "1980-06-15"
    (row,) = _rows(response)
    assert (row.action, row.patient) == (AuditAction.EXPORT, patient)


def test_staff_have_no_own_record_to_export(client, physician):
    login(client, physician)
    assert client.get(reverse("api:my_fhir")).status_code == 403


def test_json_is_served_when_asked_for(client, patient):
    login(client, patient)
    response = client.get(reverse("api:my_fhir"), HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert client.get(reverse("api:my_fhir"))["Content-Type"] == "application/fhir+json"


def test_an_outsider_is_told_nothing_and_the_attempt_is_audited(client, patient, outside_physician):
    login(client, outside_physician)
    response = client.get(reverse("api:patient_fhir", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 404
    assert "Maya" not in response.content.decode()
    (row,) = _rows(response)
    assert (row.action, row.outcome, row.patient, row.object_id) == (
        AuditAction.EXPORT,
        AuditOutcome.DENIED,
        None,
        str(patient.pk),
    )
