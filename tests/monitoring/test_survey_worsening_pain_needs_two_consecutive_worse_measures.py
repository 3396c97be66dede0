"""CLINICAL.md section 3: worsening pain is two consecutive measures of the same instrument each worse than the
baseline by at least max(30 % of baseline, 1 point); baseline = the mean of the responses in the 7 days before the
first completed session (intake included), else the first response."""

import datetime as dt

import pytest
from django.utils import timezone

from monitoring import selectors
from monitoring.models import Alert, AlertKind, Severity
from tests.monitoring.survey_data import answer, completed_session, peg3

FIRST_SESSION = timezone.now() - dt.timedelta(days=20)


def _day(n):
    return FIRST_SESSION + dt.timedelta(days=n)


def _worsening(patient):
    return Alert.objects.filter(patient=patient, kind=AlertKind.WORSENING_PAIN)


def test_baseline_is_the_mean_of_the_week_before_the_first_session(patient):
    completed_session(patient, taken_at=FIRST_SESSION)
    answer(patient, "nrs", {"pain": 2}, at=_day(-10))  # too early: not in the baseline
    answer(patient, "nrs", {"pain": 6}, at=_day(-5))
    answer(patient, "nrs", {"pain": 5}, at=_day(-1))
    assert selectors.survey_baseline(patient=patient, code="nrs") == pytest.approx(5.5)


def test_baseline_without_a_session_is_the_first_response(patient):
    answer(patient, "nrs", {"pain": 4}, at=_day(-3))
    answer(patient, "nrs", {"pain": 8}, at=_day(-2))
    assert selectors.survey_baseline(patient=patient, code="nrs") == 4


def test_one_worse_measure_is_not_enough_two_in_a_row_are(patient):
    completed_session(patient, taken_at=FIRST_SESSION)
    answer(patient, "nrs", {"pain": 5}, at=_day(-1))  # baseline 5: worse means ≥ 5 + max(1.5, 1) = 6.5
    answer(patient, "nrs", {"pain": 7}, at=_day(1))
    assert not _worsening(patient).exists()  # one worse measure
    answer(patient, "nrs", {"pain": 6}, at=_day(2))  # 6 is only 1 point worse: under 30 %
    answer(patient, "nrs", {"pain": 7}, at=_day(3))
    assert not _worsening(patient).exists()  # the pair 6, 7 is not both worse
    answer(patient, "nrs", {"pain": 8}, at=_day(4))

    alert = _worsening(patient).get()
    assert (alert.severity, alert.cause) == (Severity.MEDIUM, "instrument:nrs")


def test_peg3_uses_its_own_baseline_and_a_one_point_minimum(patient):
    completed_session(patient, taken_at=FIRST_SESSION)
    answer(patient, "peg3", peg3(2), at=_day(-2))  # baseline 2.0: worse means ≥ 2 + max(0.6, 1) = 3
    answer(patient, "nrs", {"pain": 9}, at=_day(1))  # another instrument: not a PEG measure
    answer(patient, "peg3", peg3(3, 2, 3), at=_day(7))  # 2.7: not worse enough
    answer(patient, "peg3", peg3(3), at=_day(14))
    assert not _worsening(patient).filter(cause="instrument:peg3").exists()
    answer(patient, "peg3", peg3(3, 3, 4), at=_day(21))  # 3.3 after 3.0

    assert _worsening(patient).filter(cause="instrument:peg3").exists()
