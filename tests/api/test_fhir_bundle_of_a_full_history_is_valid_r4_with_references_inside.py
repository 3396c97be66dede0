"""The FHIR export of a demo patient with a full history (issue 9 item 7) is a Bundle of type `collection` that
validates with fhir.resources' R4B models, holds one resource per record — a Patient, a MedicationRequest per plan
version, a MedicationAdministration per completed session, QuestionnaireResponses, Observations and AdverseEvents —
and every reference in it (`subject`, `partOf`, `derivedFrom`, `request`, `priorPrescription`, ...) is the
`urn:uuid:` fullUrl of an entry of the same bundle."""

from collections import Counter

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from tests.api.fhir_data import counts, full_history
from tests.api.staff_data import login

pytestmark = pytest.mark.django_db


def references(node):
    """Every `reference` value anywhere in a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


@pytest.fixture
def exported(client, patient, physician):
    full_history(patient, physician)
    login(client, physician)
    response = client.get(reverse("api:patient_fhir", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return response.json()


def test_the_bundle_validates_as_fhir_r4(exported):
    bundle = Bundle.model_validate(exported)
    assert bundle.type == "collection"
    assert {type(entry.resource).__name__ for entry in bundle.entry} == {
        "Patient",
        "MedicationRequest",
        "MedicationAdministration",
        "Observation",
        "QuestionnaireResponse",
        "AdverseEvent",
    }


def test_one_resource_per_record(exported, patient):
    expected = counts(patient)
    kinds = Counter(entry["resource"]["resourceType"] for entry in exported["entry"])
    assert kinds["Patient"] == 1
    assert kinds["MedicationRequest"] == expected["plan_versions"]
    assert kinds["MedicationAdministration"] == expected["completed_sessions"]
    assert kinds["QuestionnaireResponse"] == expected["survey_responses"]
    assert kinds["AdverseEvent"] == expected["adverse_events"]
    # Each response's score, PHQ-9's item 9 besides its total, and the readings of the sessions.
    assert kinds["Observation"] > expected["survey_responses"] + 1


def test_every_reference_resolves_inside_the_bundle(exported):
    full_urls = [entry["fullUrl"] for entry in exported["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for entry in exported["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    found = [ref for entry in exported["entry"] for ref in references(entry["resource"])]
    assert found
    assert set(found) <= set(full_urls), set(found) - set(full_urls)
    by_url = {entry["fullUrl"]: entry["resource"] for entry in exported["entry"]}
    (patient_url,) = [url for url, resource in by_url.items() if resource["resourceType"] == "Patient"]
    for resource in by_url.values():
        if resource["resourceType"] != "Patient":
            assert resource["subject"]["reference"] == patient_url
        for part in resource.get("partOf", []):
            assert by_url[part["reference"]]["resourceType"] == "MedicationAdministration"
        for source in resource.get("derivedFrom", []):
            assert by_url[source["reference"]]["resourceType"] == "QuestionnaireResponse"
        if "request" in resource:
            assert by_url[resource["request"]["reference"]]["resourceType"] == "MedicationRequest"
        if "priorPrescription" in resource:
            assert by_url[resource["priorPrescription"]["reference"]]["resourceType"] == "MedicationRequest"
        for suspect in resource.get("suspectEntity", []):
            assert by_url[suspect["instance"]["reference"]]["resourceType"] == "MedicationAdministration"


def test_the_same_record_has_the_same_id_in_every_export(client, exported, patient):
    again = client.get(reverse("api:patient_fhir", kwargs={"patient_pk": patient.pk})).json()
    assert [entry["fullUrl"] for entry in again["entry"]] == [entry["fullUrl"] for entry in exported["entry"]]
