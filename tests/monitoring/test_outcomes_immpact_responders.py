"""IMMPACT responders (CLINICAL.md section 3): reduction ≥ 30 % moderate, ≥ 50 % substantial, at week 4 (mean of
the responses on days 22-35 after the first completed session) and week 12 (days 77-91), with peg3 — or nrs for a
patient with no PEG-3. Windows tested at their edges; one query for many patients."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import Patient
from monitoring import outcomes
from tests.factories import PatientFactory
from tests.monitoring.outcome_data import FIRST, days, response, session

JUST = dt.timedelta(seconds=1)


@pytest.fixture
def baseline_8(patient):
    response(patient, "peg3", "8.0", days(-1))
    session(patient, FIRST)
    return patient


def test_week_4_takes_days_22_to_35_at_their_edges(baseline_8):
    response(baseline_8, "peg3", "1.0", days(22) - JUST)  # day 21: out
    response(baseline_8, "peg3", "6.0", days(22))  # first moment of day 22: in
    response(baseline_8, "peg3", "4.0", days(36) - JUST)  # last moment of day 35: in
    response(baseline_8, "peg3", "0.0", days(36))  # day 36: out
    outcome = outcomes.outcome_of(baseline_8)
    assert outcome.instrument == "peg3"
    assert outcome.week4_mean == Decimal(5)  # (6 + 4) / 2
    assert outcome.week4_percent == Decimal("37.5")  # (8 - 5) / 8
    assert outcome.week4_responder == "moderate"


def test_week_12_takes_days_77_to_91_at_their_edges(baseline_8):
    response(baseline_8, "peg3", "0.0", days(77) - JUST)  # day 76: out
    response(baseline_8, "peg3", "4.0", days(77))  # in: exactly 50 %
    response(baseline_8, "peg3", "4.0", days(92) - JUST)  # in
    response(baseline_8, "peg3", "0.0", days(92))  # day 92: out
    outcome = outcomes.outcome_of(baseline_8)
    assert outcome.week12_mean == Decimal(4)
    assert outcome.week12_percent == Decimal(50)
    assert outcome.week12_responder == "substantial"
    assert outcome.week4_responder is None  # nothing in week 4: undefined


@pytest.mark.parametrize(
    ("week4", "responder"),
    [("5.6", "moderate"), ("5.7", "none"), ("4.0", "substantial"), ("4.1", "moderate"), ("9.0", "none")],
)
def test_the_thresholds(baseline_8, week4, responder):
    # 8 -> 5.6 is exactly 30 %; 5.7 is 28.75 %; 4.0 is 50 %; 4.1 is 48.75 %; 9.0 is worse.
    response(baseline_8, "peg3", week4, days(28))
    assert outcomes.outcome_of(baseline_8).week4_responder == responder


def test_nrs_when_the_patient_has_no_peg3(patient):
    response(patient, "nrs", 10, days(-1))
    session(patient, FIRST)
    response(patient, "nrs", 3, days(30))
    outcome = outcomes.outcome_of(patient)
    assert (outcome.instrument, outcome.week4_percent, outcome.week4_responder) == ("nrs", Decimal(70), "substantial")


def test_no_first_session_no_responder_status(patient):
    response(patient, "peg3", 8, days(-1))
    response(patient, "peg3", 2, days(28))
    outcome = outcomes.outcome_of(patient)
    assert outcome.first_session_at is None
    assert (outcome.week4_responder, outcome.week12_responder) == (None, None)


@pytest.mark.parametrize("count", [2, 9])
def test_one_query_for_many_patients(clinic, physician, django_assert_num_queries, count):
    expected = {}
    for n in range(count):
        person = PatientFactory(clinic=clinic, care_team=[physician])
        response(person, "peg3", "10.0", days(-1))
        session(person, FIRST)
        response(person, "peg3", str(10 - n), days(25))
        expected[person.pk] = "substantial" if n >= 5 else "moderate" if n >= 3 else "none"
    with django_assert_num_queries(1):  # the patients, every outcome a subquery
        rows = list(outcomes.annotate_outcomes(Patient.objects.filter(clinic=clinic)))
    assert {p.pk: p.outcome_week4_responder for p in rows} == expected


def test_pgic_improved_share(clinic, physician, patient, second_patient):
    response(patient, "pgic", 4, days(1))
    response(patient, "pgic", 2, days(30))  # latest: much improved
    response(second_patient, "pgic", 3, days(30))
    PatientFactory(clinic=clinic, care_team=[physician])  # never answered
    assert outcomes.pgic_improved_share(Patient.objects.filter(clinic=clinic)) == (1, 2)
