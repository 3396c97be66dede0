"""Titration: the plan's steps, from a session number or from a date; the last step (in the plan's order) that has
begun gives this session's planned dose, which must stay within the plan's maximum single dose."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.gate_data import patient_state, plan_limits, run
from treatment import gates
from treatment.gates import TitrationStep, dose_for_session

BY_SESSION = (
    TitrationStep(dose_mg=Decimal(75), from_session_number=4),
    TitrationStep(dose_mg=Decimal(100), from_session_number=8),
)
BY_DATE = (
    TitrationStep(dose_mg=Decimal(75), from_date=date(2026, 6, 1)),
    TitrationStep(dose_mg=Decimal(100), from_date=date(2026, 7, 1)),
)
A_DAY = date(2026, 5, 13)


@pytest.mark.parametrize(("session", "dose"), [(1, 50), (3, 50), (4, 75), (7, 75), (8, 100), (30, 100)])
def test_titration_steps_by_session_number(session, dose):
    assert dose_for_session(Decimal(50), BY_SESSION, session, A_DAY) == Decimal(dose)


@pytest.mark.parametrize(
    ("on_date", "dose"),
    [(date(2026, 5, 31), 50), (date(2026, 6, 1), 75), (date(2026, 6, 30), 75), (date(2026, 7, 1), 100)],
)
def test_titration_steps_by_date(on_date, dose):
    assert dose_for_session(Decimal(50), BY_DATE, 1, on_date) == Decimal(dose)


def test_without_steps_the_plans_dose_applies():
    assert dose_for_session(Decimal(50), (), 12, A_DAY) == Decimal(50)


def test_of_the_steps_that_have_begun_the_last_in_the_plans_order_applies():
    steps = (
        TitrationStep(dose_mg=Decimal(75), from_session_number=4),
        TitrationStep(dose_mg=Decimal(60), from_date=date(2026, 6, 1)),
    )
    assert dose_for_session(Decimal(50), steps, 5, date(2026, 5, 31)) == Decimal(75)
    assert dose_for_session(Decimal(50), steps, 5, date(2026, 6, 1)) == Decimal(60)


@pytest.mark.parametrize(
    "step",
    [{"dose_mg": Decimal(75)}, {"dose_mg": Decimal(75), "from_session_number": 2, "from_date": A_DAY}],
    ids=["neither", "both"],
)
def test_a_step_starts_either_from_a_session_or_from_a_date(step):
    with pytest.raises(ValidationError, match="either from a session number or from a date"):
        TitrationStep(**step)


def test_the_plan_versions_titration_json_becomes_steps():
    steps = gates.titration_from_json(
        [{"dose_mg": "75", "from_session": 4}, {"dose_mg": "100", "from_date": "2026-12-01"}]
    )
    assert steps == (
        TitrationStep(dose_mg=Decimal(75), from_session_number=4),
        TitrationStep(dose_mg=Decimal(100), from_date=date(2026, 12, 1)),
    )


def test_the_session_number_is_one_more_than_the_doses_taken_under_the_plan():
    plan = plan_limits(titration=BY_SESSION)
    assert run(plan=plan, patient=patient_state(doses_taken_under_plan=2)).planned_dose_mg == Decimal(50)
    result = run(plan=plan, patient=patient_state(doses_taken_under_plan=3))
    assert (result.session_number, result.planned_dose_mg) == (4, Decimal(75))


def test_a_date_step_begins_on_the_patients_local_date():
    # 23:30 on 31 May in New York is already 1 June in UTC: the June step has not begun for this patient.
    now = datetime(2026, 6, 1, 3, 30, tzinfo=ZoneInfo("UTC"))
    assert run(plan=plan_limits(titration=BY_DATE), now=now).planned_dose_mg == Decimal(50)


def test_a_planned_dose_above_the_maximum_single_dose_holds():
    plan = plan_limits(titration=(TitrationStep(dose_mg=Decimal(150), from_session_number=1),))
    result = run(plan=plan, patient=patient_state(units_on_hand=None, strength_mg_per_unit=None))
    assert result.codes == ("titration",)
    assert "This session's dose in your plan (150 mg) is above its maximum single dose (100 mg)" in (
        result.failures[0].message
    )


def test_a_planned_dose_equal_to_the_maximum_passes():
    plan = plan_limits(titration=(TitrationStep(dose_mg=Decimal(100), from_session_number=1),))
    assert run(plan=plan).passed
