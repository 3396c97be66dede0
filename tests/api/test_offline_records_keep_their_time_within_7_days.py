"""A mobile client may send a check or a dose made offline with the phone's own time: accepted up to 7 days old,
refused in the future, older, or without a UTC offset (400 naming the field, nothing recorded); and the server
evaluates the gates at the time given — the interval since the last dose counts up to the check, not to its
arrival."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.patient_api import GOOD_CHECK, GOOD_ENTRY, SESSIONS, attrs, dose_taken, post, session_url
from treatment.models import SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db


def _at(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=-5))).isoformat()


def test_a_check_made_offline_within_7_days_keeps_its_time(client, maya):
    made = timezone.now() - dt.timedelta(days=6, hours=23)
    response = post(client, SESSIONS, GOOD_CHECK | {"checked_at": _at(made)})
    assert response.status_code == 201, response.json()
    session = TreatmentSession.objects.get()
    assert session.checked_at == made
    assert dt.datetime.fromisoformat(response.json()["session"]["checked_at"]) == made


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (dt.timedelta(minutes=5), "cannot be in the future"),
        (-dt.timedelta(days=7, minutes=1), "cannot be more than 7 days ago"),
    ],
    ids=["in-the-future", "older-than-7-days"],
)
def test_a_check_in_the_future_or_older_than_7_days_is_refused(client, maya, moment, words):
    response = post(client, SESSIONS, GOOD_CHECK | {"checked_at": _at(timezone.now() + moment)})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["attr"] == "checked_at" and error["detail"] == f"The time of your pre-dose check {words}."
    assert not TreatmentSession.objects.exists()


def test_a_time_without_its_utc_offset_is_refused(client, maya):
    response = post(client, SESSIONS, GOOD_CHECK | {"checked_at": "2026-11-20T18:00:00"})
    assert response.status_code == 400 and attrs(response) == {"checked_at"}
    assert "offset from UTC" in response.json()["errors"][0]["detail"]


def test_an_impossible_time_is_refused(client, maya):
    response = post(client, SESSIONS, GOOD_CHECK | {"checked_at": "2026-11-20T12:99:00Z"})
    assert response.status_code == 400 and attrs(response) == {"checked_at"}


def test_the_interval_gate_counts_up_to_the_time_of_the_check(client, maya):
    """Last dose 80 hours ago; the plan asks for 72. A check made 10 hours ago (70 hours after the dose) was too
    soon, even though it arrives now; a check made now passes."""
    now = timezone.now()
    dose_taken(maya, at=now - dt.timedelta(hours=80))
    offline = post(client, SESSIONS, GOOD_CHECK | {"checked_at": _at(now - dt.timedelta(hours=10))})
    assert offline.status_code == 201
    gate = offline.json()["gate"]
    assert (gate["status"], [reason["code"] for reason in gate["reasons"]]) == ("held", ["interval"])
    assert "Your last dose was 70 hours ago" in gate["reasons"][0]["message"]
    assert dt.datetime.fromisoformat(gate["next_allowed_at"]) == now - dt.timedelta(hours=8)
    current = post(client, SESSIONS, GOOD_CHECK)
    assert current.json()["gate"]["status"] == SessionStatus.IN_PROGRESS


def test_a_dose_logged_offline_keeps_its_time_within_the_bounds(client, maya):
    now = timezone.now()
    checked = post(client, SESSIONS, GOOD_CHECK | {"checked_at": _at(now - dt.timedelta(hours=3))})
    url = session_url(checked.json()["session"]["id"], "complete")
    for taken_at, words in [
        (now + dt.timedelta(minutes=5), "The time you took the dose cannot be in the future."),
        (now - dt.timedelta(hours=4), "The time you took the dose cannot be before your pre-dose check."),
    ]:
        refused = post(client, url, GOOD_ENTRY | {"taken_at": _at(taken_at)})
        assert refused.status_code == 400
        assert [(e["attr"], e["detail"]) for e in refused.json()["errors"]] == [("taken_at", words)]
    taken_at = now - dt.timedelta(hours=2, minutes=30)
    logged = post(client, url, GOOD_ENTRY | {"taken_at": _at(taken_at)})
    assert logged.status_code == 200, logged.json()
    assert logged.json()["status"] == SessionStatus.COMPLETED
    assert TreatmentSession.objects.get(status=SessionStatus.COMPLETED).taken_at == taken_at
