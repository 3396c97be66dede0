"""Check-ins through the API: the due list carries each instrument's items; an answer goes through the survey page's
service, scored by monitoring.instruments.score (total, band, flags); a PHQ-9 item 9 above 0 answers with the crisis
resources from the clinic — 988, the emergency number, the clinic's contact — and the critical alert is raised."""

import pytest

from monitoring.models import Alert, AlertKind, AssignmentStatus
from tests.api.patient_api import SURVEYS_DUE, post
from tests.monitoring.survey_data import assign, peg3, phq9

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(client, patient):
    client.force_login(patient.user)
    return patient


def _answer(client, assignment, answers):
    return post(client, f"/api/v1/surveys/{assignment.pk}/responses/", {"answers": answers})


def test_the_due_list_shows_each_instrument_with_its_items(client, maya):
    assignment = assign(maya, "phq9")
    (due,) = client.get(SURVEYS_DUE).json()["results"]
    assert (due["id"], due["instrument"], due["reason"]) == (assignment.pk, "phq9", "schedule")
    assert [item["key"] for item in due["items"]] == [*(f"q{n}" for n in range(1, 10)), "difficulty"]
    assert [item["scored"] for item in due["items"]] == [True] * 9 + [False]
    assert {option["value"] for option in due["items"][8]["options"]} == {0, 1, 2, 3}


def test_a_response_is_scored_and_completes_the_check_in(client, maya):
    assignment = assign(maya, "phq9")
    response = _answer(client, assignment, phq9(each=1))
    assert response.status_code == 201
    body = response.json()
    assert (body["instrument"], body["total"], body["band"], body["flags"], body["crisis"]) == (
        "phq9", "8.0", "mild", [], None,
    )  # fmt: skip
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED
    assert client.get(SURVEYS_DUE).json()["results"] == []


def test_phq9_item_9_above_zero_answers_with_the_clinics_crisis_resources(client, maya):
    maya.clinic.contact_phone = "+1 555 0100"
    maya.clinic.save(update_fields=["contact_phone"])
    body = _answer(client, assign(maya, "phq9"), phq9(q9=1)).json()
    assert body["flags"] == ["suicidality"]
    crisis = body["crisis"]
    assert (crisis["crisis_line"], crisis["emergency_number"], crisis["clinic_phone"]) == ("988", "911", "+1 555 0100")
    assert crisis["message"].startswith("You do not have to face this alone. Call or text 988")
    assert "In an emergency call 911" in crisis["message"] and "+1 555 0100" in crisis["message"]
    assert crisis["do_not_dose"] is True
    assert Alert.objects.get(kind=AlertKind.SUICIDALITY).severity == "critical"


def test_the_numbers_are_the_clinics_own(client, maya):
    maya.clinic.crisis_line, maya.clinic.emergency_number = "13 11 14", "000"
    maya.clinic.save(update_fields=["crisis_line", "emergency_number"])
    crisis = _answer(client, assign(maya, "phq9"), phq9(q9=2)).json()["crisis"]
    assert (crisis["crisis_line"], crisis["emergency_number"]) == ("13 11 14", "000")


def test_a_check_in_is_answered_once(client, maya):
    assignment = assign(maya, "peg3")
    assert _answer(client, assignment, peg3(5)).status_code == 201
    again = _answer(client, assignment, peg3(4))
    assert again.status_code == 409
    assert again.json()["errors"][0]["detail"] == "You have already answered this check-in."


def test_only_due_check_ins_are_listed_and_filtered_by_instrument(client, maya):
    import datetime as dt

    from django.utils import timezone

    peg = assign(maya, "peg3")
    assign(maya, "gad7")
    assign(maya, "nrs", due_at=timezone.now() + dt.timedelta(hours=2))  # not open yet
    assert [row["instrument"] for row in client.get(SURVEYS_DUE).json()["results"]] == ["peg3", "gad7"]
    assert [row["id"] for row in client.get(SURVEYS_DUE, {"instrument": "peg3"}).json()["results"]] == [peg.pk]
