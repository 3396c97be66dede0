"""GET /api/v1/plan/ is the current version of the patient's plan, as the plan page shows it, with the earliest time
of the next dose while the interval runs; no plan is a 404 in plain words; the plan cannot be changed here."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.patient_api import dose_taken, make_ready
from treatment import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/plan/"


@pytest.fixture
def maya(client, patient):
    client.force_login(patient.user)
    return patient


def test_the_current_version_with_its_limits(client, maya, physician, clinic_admin):
    plan = make_ready(maya, physician, clinic_admin)
    services.plan_revise(actor=physician.user, plan=plan, reason="Higher dose", dose_mg="60")
    body = client.get(URL).json()
    assert (body["plan_id"], body["status"], body["version"], body["dose_mg"], body["route"]) == (
        plan.pk, "active", 2, "60.0", "sublingual",
    )  # fmt: skip
    assert (body["systolic_limit"], body["diastolic_limit"], body["min_hours_between"]) == (160, 90, 72)
    assert (body["sessions_per_week"], body["session_weekdays"], body["session_time"]) == (2, [0, 3], "18:00")
    assert body["next_allowed_at"] is None


def test_the_next_allowed_time_while_the_interval_runs(client, maya, physician, clinic_admin):
    make_ready(maya, physician, clinic_admin)
    taken = timezone.now().replace(microsecond=0)
    dose_taken(maya, at=taken)
    next_allowed = client.get(URL).json()["next_allowed_at"]
    assert next_allowed is not None
    assert dt.datetime.fromisoformat(next_allowed) == taken + dt.timedelta(hours=72)


def test_no_plan_is_a_404_in_plain_words(client, maya):
    response = client.get(URL)
    assert response.status_code == 404
    assert response.json()["errors"][0]["detail"] == "You have no treatment plan yet."


def test_the_plan_is_read_only(client, maya, physician, clinic_admin):
    make_ready(maya, physician, clinic_admin)
    response = client.patch(URL, {"dose_mg": "100"}, content_type="application/json")
    assert response.status_code == 405
