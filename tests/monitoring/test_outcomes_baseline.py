"""Baseline (CLINICAL.md section 3): the mean of an instrument's responses in the 7 days before the first completed
session (intake included); if none, the first response. Hand-computed examples."""

import datetime as dt
from decimal import Decimal

from monitoring import outcomes
from tests.monitoring.outcome_data import FIRST, days, response, session


def test_the_mean_of_the_seven_days_before_the_first_session(patient):
    response(patient, "peg3", "9.0", days(-10))  # more than 7 days before: left out
    response(patient, "peg3", "7.0", days(-7))  # exactly 7 days before: in
    response(patient, "peg3", "8.0", days(-1))  # intake, the day before: in
    response(patient, "peg3", "2.0", FIRST)  # at the session itself: after, left out
    session(patient, FIRST)
    session(patient, days(3))  # a later session changes nothing
    assert outcomes.baseline_of(patient, "peg3") == Decimal("7.5")  # (7 + 8) / 2


def test_with_none_in_the_window_the_first_response(patient):
    response(patient, "nrs", 6, days(-30))
    response(patient, "nrs", 8, days(-20))
    response(patient, "nrs", 3, days(5))
    session(patient, FIRST)
    assert outcomes.baseline_of(patient, "nrs") == Decimal(6)


def test_without_a_completed_session_the_first_response(patient):
    response(patient, "peg3", "6.3", days(-2))
    response(patient, "peg3", "5.0", days(-1))
    session(patient, days(-3), status="held")  # a held session is not a completed one
    assert outcomes.baseline_of(patient, "peg3") == Decimal("6.3")


def test_no_response_no_baseline(patient):
    session(patient, FIRST)
    assert outcomes.baseline_of(patient, "peg3") is None


def test_only_the_patients_own_responses_of_that_instrument(patient, second_patient):
    response(patient, "peg3", 4, days(-1))
    response(patient, "nrs", 9, days(-1))
    response(second_patient, "peg3", 10, days(-1))
    session(patient, FIRST)
    session(second_patient, FIRST + dt.timedelta(hours=1))
    assert outcomes.baseline_of(patient, "peg3") == Decimal(4)
    assert outcomes.baseline_of(second_patient, "peg3") == Decimal(10)
