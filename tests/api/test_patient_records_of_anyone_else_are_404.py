"""A patient reaches their own records only: another patient's session, adverse event or check-in — of the same
clinic or another — is a 404 exactly like an id that does not exist, for reading and for writing, and nothing is
written."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.patient_api import ADVERSE_EVENTS, GOOD_CHECK, GOOD_ENTRY, SESSIONS, make_ready, post, session_url
from tests.monitoring.survey_data import assign, peg3
from treatment import services
from treatment.models import AdverseEvent, HelpRequest, SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db

NO_SUCH_ID = 987654321


@pytest.fixture(params=["second_patient", "outside_patient"])
def someone_else(request, physician, outside_physician, clinic_admin):
    """James (same clinic) or Lucia (another clinic), with a session in progress, an adverse event and a check-in."""
    other = request.getfixturevalue(request.param)
    treating = physician if request.param == "second_patient" else outside_physician
    admin = clinic_admin if request.param == "second_patient" else _admin_of(other)
    make_ready(other, treating, admin)
    from tests.treatment.session_data import good_check

    session = services.session_check_before_dose(actor=other.user, patient=other, check=good_check()).session
    adverse_event = services.adverse_event_report(
        actor=other.user, patient=other, description="Dizzy", started_at=timezone.now() - dt.timedelta(hours=1),
        severity="mild",
    )  # fmt: skip
    return {"session": session, "adverse_event": adverse_event, "assignment": assign(other, "peg3")}


def _admin_of(patient):
    from tests.factories import UserFactory

    return UserFactory(clinic=patient.clinic, full_name="Harbor Admin", email="admin@harbor.test")


def _not_found(response, body_of_a_missing_id):
    assert response.status_code == 404
    assert response.json() == body_of_a_missing_id  # no hint that the record exists


def test_reading_someone_elses_records_is_404(client, maya, someone_else):
    for collection, record in ((SESSIONS, someone_else["session"]), (ADVERSE_EVENTS, someone_else["adverse_event"])):
        missing = client.get(f"{collection}{NO_SUCH_ID}/").json()
        _not_found(client.get(f"{collection}{record.pk}/"), missing)


def test_writing_to_someone_elses_records_is_404_and_changes_nothing(client, maya, someone_else):
    session, assignment = someone_else["session"], someone_else["assignment"]
    missing = post(client, session_url(NO_SUCH_ID, "complete"), GOOD_ENTRY).json()
    _not_found(post(client, session_url(session.pk, "complete"), GOOD_ENTRY), missing)
    _not_found(post(client, session_url(session.pk, "help")), missing)
    _not_found(post(client, f"/api/v1/surveys/{assignment.pk}/responses/", {"answers": peg3(5)}), missing)
    session.refresh_from_db()
    assignment.refresh_from_db()
    assert session.status == SessionStatus.IN_PROGRESS
    assert not HelpRequest.objects.exists()
    assert assignment.status == "due"


def test_an_adverse_event_cannot_be_linked_to_someone_elses_session(client, maya, someone_else):
    body = {"description": "Dizzy", "started_at": timezone.now().isoformat(), "severity": "mild",
            "session": someone_else["session"].pk}  # fmt: skip
    response = post(client, ADVERSE_EVENTS, body)
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "session"
    assert not AdverseEvent.objects.filter(patient=maya).exists()


def test_lists_hold_only_the_patients_own_records(client, maya, someone_else):
    post(client, SESSIONS, GOOD_CHECK)
    sessions = client.get(SESSIONS).json()["results"]
    assert [row["id"] for row in sessions] == list(
        TreatmentSession.objects.filter(patient=maya).values_list("pk", flat=True)
    )
    assert client.get(ADVERSE_EVENTS).json()["results"] == []
    assert client.get("/api/v1/surveys/due/").json()["results"] == []


@pytest.mark.parametrize("path", ["/api/v1/sessions/abc/", "/api/v1/sessions/99999999999999999999999/"])
def test_an_id_that_is_not_a_number_is_the_apis_404(client, maya, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json()["errors"][0]["code"] == "not_found"
