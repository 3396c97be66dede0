"""The FHIR export names things with the codes of CLINICAL.md section 5: ketamine RxNorm 6130, the routes' SNOMED CT
codes, the vital signs' LOINC codes in UCUM units (blood pressure panel 85354-9 with systolic 8480-6 and diastolic
8462-4 in mm[Hg], heart rate 8867-4 in /min), pain 72514-3, PHQ-9 44261-6 with item 9 44260-8, GAD-7 70274-6, and
Anodyne's own code system (settings.ANODYNE_CODE_SYSTEM) for peg3, pgic, bladder and the dissociation item; scores
in `{score}`, doses in mg."""

import pytest
from django.urls import reverse

from tests.api.fhir_data import full_history
from tests.api.staff_data import login

pytestmark = pytest.mark.django_db

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
LOCAL = "https://codes.example.org/anodyne"


@pytest.fixture
def resources(client, settings, patient, physician):
    settings.ANODYNE_CODE_SYSTEM = LOCAL
    session = full_history(patient, physician)
    login(client, patient)
    bundle = client.get(reverse("api:my_fhir")).json()
    by_type = {}
    for entry in bundle["entry"]:
        by_type.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    by_type["session"] = session
    return by_type


def codes(resource) -> set[tuple[str, str]]:
    return {(coding["system"], coding["code"]) for coding in resource["code"]["coding"]}


def observations_coded(resources, system, code) -> list[dict]:
    return [o for o in resources["Observation"] if (system, code) in codes(o)]


def unit(quantity) -> tuple:
    return quantity["system"], quantity["code"], quantity["unit"]


def test_ketamine_is_rxnorm_6130_and_routes_are_snomed(resources):
    for resource in resources["MedicationRequest"] + resources["MedicationAdministration"]:
        assert resource["medicationCodeableConcept"]["coding"] == [
            {"system": RXNORM, "code": "6130", "display": "ketamine"}
        ]
    (dosage,) = resources["MedicationRequest"][0]["dosageInstruction"]
    assert dosage["route"]["coding"][0] | {} == {"system": SNOMED, "code": "37839007", "display": "Sublingual route"}
    assert unit(dosage["doseAndRate"][0]["doseQuantity"]) == (UCUM, "mg", "mg")
    assert unit(dosage["maxDosePerAdministration"]) == (UCUM, "mg", "mg")
    assert {(r["status"], r["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"])
            for r in resources["MedicationRequest"]} == {("stopped", 50), ("stopped", 75), ("on-hold", 75)}  # fmt: skip
    for administration in resources["MedicationAdministration"]:
        assert administration["dosage"]["route"]["coding"][0]["code"] == "37839007"
        assert unit(administration["dosage"]["dose"]) == (UCUM, "mg", "mg")


def test_the_fully_recorded_session_is_one_administration_of_75_mg(resources):
    session = resources["session"]
    taken = session.taken_at.isoformat(timespec="seconds").replace("+00:00", "Z")
    (administration,) = [a for a in resources["MedicationAdministration"] if a["effectiveDateTime"] == taken]
    assert administration["dosage"]["dose"]["value"] == 75
    request_url = administration["request"]["reference"]
    assert request_url.startswith("urn:uuid:")


def test_vital_signs_are_loinc_in_ucum_units(resources):
    pressures = observations_coded(resources, LOINC, "85354-9")
    assert pressures
    readings = set()
    for observation in pressures:
        assert observation["category"][0]["coding"][0]["code"] == "vital-signs"
        systolic, diastolic = observation["component"]
        assert systolic["code"]["coding"][0]["code"] == "8480-6"
        assert diastolic["code"]["coding"][0]["code"] == "8462-4"
        assert unit(systolic["valueQuantity"]) == unit(diastolic["valueQuantity"]) == (UCUM, "mm[Hg]", "mm[Hg]")
        readings.add((systolic["valueQuantity"]["value"], diastolic["valueQuantity"]["value"]))
    # The fully recorded session: the first reading, the second one the check used, and the one after the dose.
    assert {(166, 92), (152, 86), (138, 84)} <= readings
    rates = observations_coded(resources, LOINC, "8867-4")
    assert {r["valueQuantity"]["value"] for r in rates} >= {84, 78, 76}
    assert {unit(r["valueQuantity"]) for r in rates} == {(UCUM, "/min", "/min")}


def test_pain_is_72514_3_and_dissociation_is_local(resources):
    pain = observations_coded(resources, LOINC, "72514-3")
    assert pain and {unit(p["valueQuantity"]) for p in pain} == {(UCUM, "{score}", "{score}")}
    (dissociation,) = observations_coded(resources, LOCAL, "dissociation")
    assert dissociation["valueQuantity"]["value"] == 6


@pytest.mark.parametrize(
    "system, code, total",
    [
        (LOINC, "44261-6", 9),  # PHQ-9 total: q1-q8 at 1 and q9 at 1
        (LOINC, "44260-8", 1),  # PHQ-9 item 9
        (LOINC, "70274-6", 14),  # GAD-7 total: 7 items at 2
        (LOCAL, "peg3", 5),  # PEG-3: mean of 6, 5, 4
        (LOCAL, "pgic", 2),
        (LOCAL, "bladder", 4),  # q1 + q2 + q3 + q4 = 1 + 1 + 2 + 0
    ],
)
def test_instrument_scores_carry_clinical_md_codes(resources, system, code, total):
    found = observations_coded(resources, system, code)
    assert total in [o["valueQuantity"]["value"] for o in found]
    for observation in found:
        assert unit(observation["valueQuantity"]) == (UCUM, "{score}", "{score}")
        assert observation["derivedFrom"][0]["reference"].startswith("urn:uuid:")


def test_questionnaire_responses_carry_every_item_by_its_key(resources):
    phq9 = [r for r in resources["QuestionnaireResponse"] if r["questionnaire"].startswith(f"{LOCAL}/phq9|")]
    (response,) = phq9
    assert [item["linkId"] for item in response["item"]] == [f"q{n}" for n in range(1, 10)]
    assert response["item"][8]["answer"] == [{"valueInteger": 1}]


def test_a_life_threatening_adverse_event_is_serious_and_suspects_the_dose(resources):
    events = {event["event"]["text"]: event for event in resources["AdverseEvent"]}
    fainted = events["Fainted after the dose."]
    assert fainted["seriousness"]["coding"][0]["code"] == "serious"
    assert fainted["suspectEntity"][0]["instance"]["reference"].startswith("urn:uuid:")
    headache = events["Headache the next morning."]
    assert headache["severity"]["coding"] == [
        {"system": "http://terminology.hl7.org/CodeSystem/adverse-event-severity", "code": "mild"}
    ]
    assert headache["outcome"]["coding"][0]["code"] == "resolved"
    assert "suspectEntity" not in headache
