"""The session history through the API: newest first by the time of the check, paged by cursor (stable when a new
session arrives), filtered by status and by days in the patient's own time zone."""

import datetime as dt

import pytest

from tests.monitoring.outcome_data import session
from treatment.models import SessionStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/sessions/"
# Maya is in Chicago: 02:00 UTC on 3 March is still 2 March there.
LATE_ON_2_MARCH = dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def history(client, patient):
    client.force_login(patient.user)
    held = session(patient, LATE_ON_2_MARCH - dt.timedelta(days=1), status=SessionStatus.HELD)
    completed = session(patient, LATE_ON_2_MARCH)
    later = session(patient, LATE_ON_2_MARCH + dt.timedelta(days=3))
    return held, completed, later


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_newest_first_by_the_time_of_the_check(client, history):
    held, completed, later = history
    assert _ids(client.get(URL)) == [later.pk, completed.pk, held.pk]


def test_filtered_by_status(client, history):
    held, completed, later = history
    assert _ids(client.get(URL, {"status": "held"})) == [held.pk]
    assert _ids(client.get(URL, {"status": ["held", "completed"]})) == [later.pk, completed.pk, held.pk]
    assert client.get(URL, {"status": "sideways"}).json()["errors"][0]["attr"] == "status"


def test_filtered_by_days_in_the_patients_time_zone(client, history):
    held, completed, later = history
    assert _ids(client.get(URL, {"since": "2026-03-02", "until": "2026-03-02"})) == [completed.pk]
    assert _ids(client.get(URL, {"since": "2026-03-03"})) == [later.pk]
    assert _ids(client.get(URL, {"until": "2026-03-01"})) == [held.pk]
    assert len(_ids(client.get(URL, {"since": "0001-01-01", "until": "9999-12-31"}))) == 3  # the calendar's edges


def test_pages_follow_the_cursor_and_a_new_session_does_not_shift_them(client, patient, history):
    held, completed, later = history
    first = client.get(URL, {"page_size": 2}).json()
    assert _ids_of(first) == [later.pk, completed.pk]
    session(patient, LATE_ON_2_MARCH + dt.timedelta(days=5))  # arrives between the two pages
    second = client.get(first["next"]).json()
    assert _ids_of(second) == [held.pk] and second["next"] is None


def _ids_of(page):
    return [row["id"] for row in page["results"]]
