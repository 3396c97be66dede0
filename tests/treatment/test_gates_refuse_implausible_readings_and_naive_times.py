"""evaluate() validates what it is given, so no entry point can gate on a typing error or a clock without a zone."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.gate_data import NOW, patient_state, plan_limits, pre_dose_check
from treatment import gates


def evaluate(check, now=NOW, patient=None):
    return gates.evaluate(plan_limits(), patient or patient_state(), check, now=now)


def test_a_systolic_of_1200_is_refused_with_the_allowed_range():
    with pytest.raises(ValidationError, match="from 60 to 260 mmHg; you entered 1200"):
        evaluate(pre_dose_check(systolic=1200))


def test_a_pain_score_out_of_range_is_refused():
    with pytest.raises(ValidationError, match="Pain now must be a whole number from 0 to 10"):
        evaluate(pre_dose_check(pain_now=11))


def test_a_naive_now_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        evaluate(pre_dose_check(), now=datetime(2026, 5, 13, 18, 0))


def test_a_naive_dose_time_is_a_programming_error():
    naive = datetime(2026, 5, 12, 9, 0)
    with pytest.raises(ValueError, match="aware"):
        evaluate(pre_dose_check(), patient=patient_state(last_dose_taken_at=naive, doses_taken_at=(naive,)))


def test_inputs_are_keyword_only_and_have_no_safe_looking_defaults():
    with pytest.raises(TypeError):
        gates.PatientState(time_zone="America/New_York")  # a forgotten field must not pass quietly
