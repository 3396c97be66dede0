"""My data is the patient's own: staff of every role get a 403 on the page and on both downloads, and a patient only
ever gets their own rows — there is no id in these URLs, and a query string naming someone else changes nothing."""

import pytest
from django.urls import reverse

from tests.monitoring.my_data_data import at, completed, held, response, table
from tests.monitoring.survey_data import peg3

PAGES = ["my_data", "my_data_sessions", "my_data_surveys"]


@pytest.mark.parametrize("url_name", PAGES)
@pytest.mark.parametrize("who", ["physician", "other_physician", "clinic_admin", "outside_physician"])
def test_staff_are_refused(client, request, patient, who, url_name):
    staff = request.getfixturevalue(who)
    client.force_login(getattr(staff, "user", staff))
    assert client.get(reverse(url_name), {"patient": patient.pk}).status_code == 403


@pytest.mark.parametrize("url_name", PAGES)
def test_a_visitor_is_sent_to_sign_in(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_patient_downloads_only_their_own_sessions(client, patient, second_patient, outside_patient):
    held(patient, checked_at=at(0))
    completed(patient, taken_at=at(72), notes="Maya's own notes.")
    completed(second_patient, taken_at=at(80), notes="James's own notes.")
    completed(outside_patient, taken_at=at(90), notes="Lucia's own notes.")

    client.force_login(second_patient.user)
    _, rows = table(client.get(reverse("my_data_sessions"), {"patient": patient.pk}))

    assert [row["notes"] for row in rows] == ["James's own notes."]


def test_a_patient_downloads_only_their_own_survey_responses(client, patient, second_patient):
    response(patient, "peg3", peg3(7), answered_at=at(1))
    response(patient, "peg3", peg3(6), answered_at=at(25))
    response(second_patient, "peg3", peg3(2), answered_at=at(2))

    client.force_login(second_patient.user)
    _, rows = table(client.get(reverse("my_data_surveys"), {"patient": patient.pk}))

    assert [(row["instrument"], row["total"]) for row in rows] == [("peg3", "2")]
