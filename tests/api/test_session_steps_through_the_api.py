"""A session through the API takes the page's two steps: the pre-dose check (201 with the session and its gate
result), then the post-dose entry, recorded as reported by treatment.services.session_log_dose; a dose entry is
taken once, and only for a session in progress."""

import pytest

from tests.api.patient_api import GOOD_CHECK, GOOD_ENTRY, SESSIONS, post, session_url
from treatment.models import SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db


def test_a_passing_check_starts_the_session_with_the_plans_dose(client, maya):
    response = post(client, SESSIONS, GOOD_CHECK)
    assert response.status_code == 201
    body = response.json()
    assert body["gate"] == {
        "passed": True,
        "status": "in_progress",
        "reasons": [],
        "next_allowed_at": None,
        "notes": [{"code": "supply_unknown", "message": "No dispense is recorded for you yet, so your supply was not "
                   "checked."}],
        "severe_hypertension": False,
        "emergency_instructions": None,
        "may_remeasure": False,
    }  # fmt: skip
    session = body["session"]
    assert (session["status"], session["planned_dose_mg"], session["session_number"], session["plan_version"]) == (
        "in_progress", "50.0", 1, 1,
    )  # fmt: skip
    assert (session["systolic"], session["diastolic"], session["heart_rate"], session["pain_before"]) == (
        128,
        82,
        72,
        6,
    )


def test_a_reading_over_the_limit_holds_and_offers_a_second_reading(client, maya):
    gate = post(client, SESSIONS, GOOD_CHECK | {"systolic": 170}).json()["gate"]
    assert (gate["passed"], gate["status"], gate["may_remeasure"]) == (False, "held", True)
    assert gate["reasons"][0]["message"].endswith("Do not take a dose now.")


def test_the_post_dose_entry_completes_the_session_as_reported(client, maya):
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    entry = GOOD_ENTRY | {"side_effects": {"nausea": "mild", "headache": "severe"}, "post_systolic": 135,
                          "post_diastolic": 85, "notes": "  Felt calm.  "}  # fmt: skip
    response = post(client, session_url(session_id, "complete"), entry)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["dose_mg"], body["route"], body["dissociation"], body["pain_after"]) == (
        "completed", "50.0", "sublingual", 4, 3,
    )  # fmt: skip
    assert body["side_effects"] == {"nausea": "mild", "headache": "severe"}
    assert body["severe_side_effect"] is True
    assert (body["post_systolic"], body["post_diastolic"], body["notes"]) == (135, 85, "Felt calm.")
    assert client.get(session_url(session_id)).json() == body


def test_a_dose_above_the_plans_maximum_is_recorded_and_flagged(client, maya):
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    body = post(client, session_url(session_id, "complete"), GOOD_ENTRY | {"dose_mg": "120"}).json()
    assert body["dose_mg"] == "120.0"
    assert [finding["code"] for finding in body["post_dose_findings"]] == ["dose_above_maximum"]


def test_a_session_takes_one_dose_entry_only(client, maya):
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    assert post(client, session_url(session_id, "complete"), GOOD_ENTRY).status_code == 200
    again = post(client, session_url(session_id, "complete"), GOOD_ENTRY | {"dose_mg": "60"})
    assert again.status_code == 400
    assert again.json()["errors"][0]["detail"] == "This session is completed: it takes no dose entry."
    assert TreatmentSession.objects.get().dose_mg == 50


def test_a_held_session_takes_no_dose_entry(client, maya):
    session_id = post(client, SESSIONS, GOOD_CHECK | {"safe_setting": False}).json()["session"]["id"]
    response = post(client, session_url(session_id, "complete"), GOOD_ENTRY)
    assert response.status_code == 400
    assert TreatmentSession.objects.get().status == SessionStatus.HELD
