"""GET /api/v1/progress/: the pain outcome of CLINICAL.md section 3 (monitoring.outcomes.outcome_of) — baseline,
current, change in points and percent, responders at weeks 4 and 12 — and the current daily MME
(monitoring.opioid_selectors.mme_now) with the guideline's caution."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring import services
from monitoring.opioid_selectors import MME_CAUTION
from tests.monitoring.outcome_data import FIRST, days, response, session

pytestmark = pytest.mark.django_db

URL = "/api/v1/progress/"


def test_change_from_baseline_responders_and_mme(client, patient):
    session(patient, FIRST)
    response(patient, "peg3", 6, FIRST - dt.timedelta(days=2))  # baseline: the 7 days before the first session
    response(patient, "peg3", 3, days(25))  # week 4 (days 22-35): 50 % better
    response(patient, "peg3", 4, days(80))  # week 12 (days 77-91) and current: 33.3 % better
    services.opioid_medicine_add(
        actor=patient.user, patient=patient, drug="oxycodone", mg_per_dose=Decimal(10), doses_per_day=2,
        started_on=timezone.localdate() - dt.timedelta(days=30),
    )  # fmt: skip
    client.force_login(patient.user)
    body = client.get(URL).json()
    assert body == {
        "instrument": "peg3",
        "first_session_at": FIRST.isoformat().replace("+00:00", "Z"),
        "baseline": "6.00",
        "current": "4.00",
        "change_points": "-2.00",
        "change_percent": "33.3",
        "week4": {"mean": "3.00", "percent": "50.0", "responder": "substantial"},
        "week12": {"mean": "4.00", "percent": "33.3", "responder": "moderate"},
        "mme_now": "30.00",
        "mme_caution": MME_CAUTION,
    }


def test_without_any_history_every_figure_is_empty(client, patient):
    client.force_login(patient.user)
    body = client.get(URL).json()
    assert (body["baseline"], body["current"], body["change_percent"], body["mme_now"]) == (None, None, None, "0.00")
    assert body["week4"] == {"mean": None, "percent": None, "responder": None}
