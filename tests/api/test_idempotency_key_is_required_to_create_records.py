"""Creating a session record, a survey response or an adverse event needs an Idempotency-Key: without one the API
answers 400 naming the header, and records nothing."""

import pytest

from tests.api.patient_api import ADVERSE_EVENTS, GOOD_CHECK, SESSIONS, post
from tests.monitoring.survey_data import assign
from treatment.models import AdverseEvent, TreatmentSession

pytestmark = pytest.mark.django_db


def _refused_for_the_header(response):
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "Idempotency-Key"


def test_a_session_start_without_a_key_is_refused(client, maya):
    _refused_for_the_header(post(client, SESSIONS, GOOD_CHECK, key=None))
    assert not TreatmentSession.objects.exists()


@pytest.mark.parametrize("step", ["complete", "help"])
def test_the_steps_of_a_session_without_a_key_are_refused(client, maya, step):
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    _refused_for_the_header(post(client, f"{SESSIONS}{session_id}/{step}/", {}, key=None))
    assert TreatmentSession.objects.get().status == "in_progress"


def test_a_survey_response_without_a_key_is_refused(client, maya):
    assignment = assign(maya, "peg3")
    _refused_for_the_header(post(client, f"/api/v1/surveys/{assignment.pk}/responses/", {"answers": {}}, key=None))


def test_an_adverse_event_without_a_key_is_refused(client, maya):
    body = {"description": "Dizzy", "started_at": "2026-05-13T18:00:00-05:00", "severity": "mild"}
    _refused_for_the_header(post(client, ADVERSE_EVENTS, body, key=None))
    assert not AdverseEvent.objects.exists()
