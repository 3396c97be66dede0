"""A typing error comes back in the API's one error shape as a 400 naming the field in `attr`, with the same plain
words the page shows (treatment.plausible, monitoring.instruments), and nothing is recorded."""

import pytest

from tests.api.patient_api import GOOD_CHECK, GOOD_ENTRY, SESSIONS, post, session_url
from tests.monitoring.survey_data import assign, peg3
from treatment.models import SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db


def _errors(response) -> list[tuple[str, str]]:
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    return [(error["attr"], error["detail"]) for error in body["errors"]]


@pytest.mark.parametrize(
    ("changes", "attr", "words"),
    [
        ({"systolic": 1200}, "systolic", "Systolic blood pressure (the upper number) must be a whole number from 60"),
        ({"diastolic": 10}, "diastolic", "Diastolic blood pressure (the lower number) must be a whole number from 30"),
        ({"heart_rate": 300}, "heart_rate", "Heart rate must be a whole number from 25 to 250 per minute"),
        ({"systolic": 80, "diastolic": 90}, "systolic", "The upper number (systolic) must be higher than the lower"),
        ({"pain_now": 11}, "pain_now", "Pain now must be a whole number from 0 to 10"),
        ({"remeasured_systolic": 1200, "remeasured_diastolic": 80, "remeasured_heart_rate": 70}, "remeasured_systolic",
         "Systolic blood pressure (the upper number), second reading must be a whole number"),
        ({"sitter_phone": "call me"}, "sitter_phone", "Your sitter's phone number can have only digits"),
        ({"systolic": "high"}, "systolic", "A valid integer is required."),
    ],
)  # fmt: skip
def test_an_implausible_pre_dose_check_names_the_field(client, maya, changes, attr, words):
    errors = _errors(post(client, SESSIONS, GOOD_CHECK | changes))
    assert [error_attr for error_attr, _ in errors] == [attr]
    assert errors[0][1].startswith(words)
    assert not TreatmentSession.objects.exists()


@pytest.mark.parametrize(
    ("changes", "attr", "words"),
    [
        ({"dose_mg": "0"}, "dose_mg", "The dose taken must be more than 0 mg and at most 1000 mg"),
        ({"dissociation": 11}, "dissociation", "Dissociation must be a whole number from 0 to 10"),
        ({"pain_after": -1}, "pain_after", "Pain after the dose must be a whole number from 0 to 10"),
        ({"post_systolic": 300, "post_diastolic": 80}, "post_systolic", "Systolic blood pressure (the upper number)"),
        ({"route": "rectal"}, "route", '"rectal" is not a valid choice.'),
        ({"side_effects": {"hiccups": "mild"}}, "side_effects", "Unknown side effects: hiccups."),
    ],
)
def test_an_implausible_post_dose_entry_names_the_field(client, maya, changes, attr, words):
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    errors = _errors(post(client, session_url(session_id, "complete"), GOOD_ENTRY | changes))
    assert [error_attr for error_attr, _ in errors] == [attr]
    assert errors[0][1].startswith(words)
    assert TreatmentSession.objects.get().status == SessionStatus.IN_PROGRESS


def test_a_bad_survey_answer_names_the_item(client, maya):
    assignment = assign(maya, "peg3")
    errors = _errors(post(client, f"/api/v1/surveys/{assignment.pk}/responses/", {"answers": peg3(5) | {"pain": 12}}))
    assert errors == [("answers.pain", "pain of peg3 must be one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10; got 12.")]
    assignment.refresh_from_db()
    assert assignment.status == "due"
