"""A refill is early when the units on hand would still last more than 7 days at the plan's dose and sessions per
week: units per day = dose / strength x sessions per week / 7."""

from decimal import Decimal

import pytest

from treatment.supply import days_of_supply, is_early_refill, units_per_day

# 50 mg twice a week from 25 mg units: 4 units a week, so 4 units last exactly 7 days.
PLAN = {"dose_mg": Decimal(50), "strength_mg_per_unit": Decimal(25), "sessions_per_week": 2}


def test_units_per_day():
    assert units_per_day(**PLAN) == Decimal(4) / 7


@pytest.mark.parametrize(
    ("units", "early"), [("4", False), ("3.9", False), ("4.01", True), ("0", False), ("-2", False)]
)
def test_exactly_seven_days_is_not_early_and_more_is(units, early):
    assert is_early_refill(units_on_hand=Decimal(units), **PLAN) is early


def test_days_of_supply():
    assert days_of_supply(units_on_hand=Decimal(4), **PLAN) == Decimal(7)
    assert days_of_supply(units_on_hand=Decimal(-3), **PLAN) == Decimal(0)
