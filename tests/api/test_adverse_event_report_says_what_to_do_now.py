"""An adverse event reported through the API goes through treatment.services.adverse_event_report (the care team's
alert, a hold on doses when severe) and the answer says what to do now: a life-threatening one, call the emergency
number; a severe one, get medical care now; otherwise, the care team has been told."""

import datetime as dt

import pytest
from django.utils import timezone

from monitoring.models import Alert, AlertKind
from tests.api.patient_api import ADVERSE_EVENTS, GOOD_CHECK, SESSIONS, make_ready, post
from treatment.models import AdverseEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(client, patient):
    client.force_login(patient.user)
    return patient


def _report(client, severity, **more):
    body = {"description": "Chest tightness after my dose", "severity": severity,
            "started_at": (timezone.now() - dt.timedelta(minutes=20)).isoformat(), **more}  # fmt: skip
    return post(client, ADVERSE_EVENTS, body)


def test_a_life_threatening_event_says_call_the_emergency_number_now(client, maya):
    response = _report(client, "life_threatening")
    assert response.status_code == 201
    body = response.json()
    now = body["what_to_do_now"]
    assert (now["urgency"], now["headline"], now["emergency_number"]) == ("emergency", "Call 911 now", "911")
    assert now["instructions"].startswith("Call 911 now.")
    assert body["holds_doses"] is True
    event = AdverseEvent.objects.get()
    assert body["adverse_event"]["id"] == event.pk and body["adverse_event"]["reported_by_me"] is True
    assert Alert.objects.get(kind=AlertKind.ADVERSE_EVENT).severity == "critical"


def test_a_severe_event_says_get_medical_care_now_with_the_clinics_number(client, maya):
    maya.clinic.contact_phone = "+1 555 0100"
    maya.clinic.save(update_fields=["contact_phone"])
    now = _report(client, "severe").json()["what_to_do_now"]
    assert (now["urgency"], now["headline"]) == ("urgent", "Get medical care now")
    assert now["instructions"].startswith("Call your clinic on +1 555 0100, or go to urgent care")
    assert "call 911 now" in now["instructions"]


def test_a_mild_event_says_the_care_team_has_been_told(client, maya):
    body = _report(client, "mild", ongoing=False).json()
    assert body["what_to_do_now"]["urgency"] == "routine"
    assert body["holds_doses"] is False
    assert body["adverse_event"]["ongoing"] is False


def test_an_event_can_be_linked_to_the_patients_own_session(client, maya, physician, clinic_admin):
    make_ready(maya, physician, clinic_admin)
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    body = _report(client, "moderate", session=session_id).json()
    assert body["adverse_event"]["session"] == session_id


def test_a_start_in_the_future_is_refused_by_the_service(client, maya):
    response = _report(client, "mild", started_at=(timezone.now() + dt.timedelta(hours=1)).isoformat())
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "When it started cannot be in the future."
    assert not AdverseEvent.objects.exists()


def test_the_list_and_detail_show_the_patients_reports_newest_first(client, maya):
    first = _report(client, "mild").json()["adverse_event"]
    second = _report(client, "severe").json()["adverse_event"]
    assert [row["id"] for row in client.get(ADVERSE_EVENTS).json()["results"]] == [second["id"], first["id"]]
    assert [row["id"] for row in client.get(ADVERSE_EVENTS, {"severity": "mild"}).json()["results"]] == [first["id"]]
    assert client.get(f"{ADVERSE_EVENTS}{first['id']}/").json() == first
