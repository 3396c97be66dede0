"""Change from baseline (CLINICAL.md section 3): points = current - baseline; percent = (baseline - current) /
baseline x 100, positive = better; undefined when the baseline is 0."""

from decimal import Decimal

from monitoring import outcomes
from tests.monitoring.outcome_data import FIRST, days, response, session


def test_points_and_percent(patient):
    response(patient, "peg3", "8.0", days(-2))
    response(patient, "peg3", "7.0", days(-1))  # baseline 7.5
    session(patient, FIRST)
    response(patient, "peg3", "6.0", days(10))
    response(patient, "peg3", "4.5", days(20))  # current: the latest
    outcome = outcomes.outcome_of(patient, "peg3")
    assert outcome.baseline == Decimal("7.5")
    assert outcome.current == Decimal("4.5")
    assert outcome.change_points == Decimal("-3.0")
    assert outcome.change_percent == Decimal(40)  # (7.5 - 4.5) / 7.5 x 100


def test_worse_is_a_negative_percent(patient):
    response(patient, "nrs", 4, days(-1))
    session(patient, FIRST)
    response(patient, "nrs", 5, days(2))
    outcome = outcomes.outcome_of(patient, "nrs")
    assert (outcome.change_points, outcome.change_percent) == (Decimal(1), Decimal(-25))


def test_a_baseline_of_zero_leaves_the_percent_undefined(patient):
    response(patient, "nrs", 0, days(-1))
    session(patient, FIRST)
    response(patient, "nrs", 3, days(25))
    outcome = outcomes.outcome_of(patient, "nrs")
    assert outcome.baseline == 0
    assert outcome.change_points == Decimal(3)
    assert outcome.change_percent is None
    assert outcome.week4_percent is None
    assert outcome.week4_responder is None


def test_a_third_reads_exactly(patient):
    response(patient, "peg3", "6.0", days(-1))
    session(patient, FIRST)
    response(patient, "peg3", "4.0", days(1))
    percent = outcomes.outcome_of(patient, "peg3").change_percent
    assert percent.quantize(Decimal("0.01")) == Decimal("33.33")
