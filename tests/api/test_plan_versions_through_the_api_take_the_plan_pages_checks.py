"""A care-team physician writes a new version of a patient's plan through the API with a reason, as on the plan page
(treatment.services plan_create / plan_revise): version 1 of a new plan, then versions that change only what is
sent; the ranges of CLINICAL.md section 2 are the service's, refused in its words (400) with nothing written; a
revision without a reason or without a change is refused. Every version stays readable, newest first, by the
patient, the care team and the clinic admin; only a care-team physician writes one (403 for the others)."""

import pytest
from django.urls import reverse

from tests.api.staff_data import login, write
from tests.treatment.plan_data import PLAN
from treatment.models import PlanVersion

pytestmark = pytest.mark.django_db

FIRST = {**PLAN, "review_date": PLAN["review_date"].isoformat(), "session_time": "18:00", "reason": "Start"}


def _url(patient):
    return reverse("api:patient_plan_versions", kwargs={"patient_pk": patient.pk})


def test_a_new_plan_then_a_revision_then_the_history(client, patient, physician, clinic_admin):
    login(client, physician)
    response = write(client, "post", _url(patient), FIRST)
    assert response.status_code == 201, response.content
    first = response.json()
    assert (first["number"], first["status"], first["dose_mg"], first["systolic_limit"]) == (1, "active", "50.0", 160)

    response = write(client, "post", _url(patient), {"reason": "Tolerated well.", "dose_mg": "75"})
    assert response.status_code == 201
    second = response.json()
    assert (second["number"], second["dose_mg"], second["route"], second["plan"]) == (
        2,
        "75.0",
        "sublingual",
        first["plan"],
    )
    assert second["author"]["full_name"] == "Elena Rivera"

    for reader in (patient, physician, clinic_admin):
        login(client, reader)
        history = client.get(_url(patient)).json()["results"]
        assert [(v["number"], v["current"], v["reason"]) for v in history] == [
            (2, True, "Tolerated well."),
            (1, False, "Start"),
        ]


def test_the_services_checks_refuse_and_write_nothing(client, patient, physician):
    login(client, physician)
    write(client, "post", _url(patient), FIRST)
    cases = [
        ({"reason": "Typo", "dose_mg": "1500"}, "Dose mg"),
        ({"reason": "Too close", "max_single_dose_mg": "25"}, "maximum single dose cannot be below"),
        ({"reason": "", "dose_mg": "60"}, None),  # the serializer: a reason is required
        ({"reason": "Same again", "dose_mg": "50"}, "Nothing changed"),
        ({"reason": "Hold lower", "systolic_limit": 190}, "Systolic limit"),
    ]
    for body, words in cases:
        response = write(client, "post", _url(patient), body)
        assert response.status_code == 400, body
        if words:
            assert words in response.json()["errors"][0]["detail"], response.json()
    assert PlanVersion.objects.count() == 1


@pytest.mark.parametrize("who", ["patient", "clinic_admin"])
def test_only_a_care_team_physician_writes_a_version(client, request, patient, who):
    login(client, request.getfixturevalue(who))
    response = write(client, "post", _url(patient), FIRST)
    assert response.status_code == 403
    assert not PlanVersion.objects.exists()
