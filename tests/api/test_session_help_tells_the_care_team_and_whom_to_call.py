""" "I need help" during a session in progress, through the API: recorded by treatment.help.session_help_request (the
care team's critical alert), and the answer lists whom to call — the emergency number first, then the sitter, then
the clinic. A session not in progress is a 409 whose message still names the emergency number."""

import pytest

from monitoring.models import Alert, AlertKind
from tests.api.patient_api import GOOD_CHECK, SESSIONS, post, session_url
from treatment.models import HelpRequest

pytestmark = pytest.mark.django_db


def test_help_during_a_session_alerts_the_care_team_and_says_whom_to_call(client, maya):
    maya.clinic.contact_phone = "+1 555 0100"
    maya.clinic.save(update_fields=["contact_phone"])
    session_id = post(client, SESSIONS, GOOD_CHECK).json()["session"]["id"]
    response = post(client, session_url(session_id, "help"))
    assert response.status_code == 201
    body = response.json()
    help_request = HelpRequest.objects.get()
    assert body == {
        "help_request_id": help_request.pk,
        "requested_at": body["requested_at"],
        "care_team_told": True,
        "emergency_number": "911",
        "sitter_name": "Sam Patel",
        "sitter_phone": "+1 555 0101",
        "clinic_name": "Sunrise Pain Clinic",
        "clinic_phone": "+1 555 0100",
    }
    order = list(body)  # the emergency number comes before the sitter, and the sitter before the clinic
    assert order.index("emergency_number") < order.index("sitter_phone") < order.index("clinic_phone")
    alert = Alert.objects.get(kind=AlertKind.HELP_REQUESTED)
    assert (alert.patient, alert.severity) == (maya, "critical")


def test_help_for_a_held_session_is_409_and_still_names_the_emergency_number(client, maya):
    session_id = post(client, SESSIONS, GOOD_CHECK | {"systolic": 170}).json()["session"]["id"]
    response = post(client, session_url(session_id, "help"))
    assert response.status_code == 409
    assert "the emergency number in an emergency" in response.json()["errors"][0]["detail"]
    assert not HelpRequest.objects.exists()
