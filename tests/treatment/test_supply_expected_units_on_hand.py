"""Expected units on hand = units dispensed - sum(dose taken / strength), with the strength of the supply each dose
was taken from (treatment.supply). Pure: no database."""

from datetime import date
from decimal import Decimal

import pytest

from treatment.supply import DispenseRow, DoseRow, on_hand


def test_nothing_dispensed_is_unknown_not_zero():
    assert on_hand([], [DoseRow(date(2026, 5, 1), Decimal(50))]) is None


def test_units_dispensed_minus_each_dose_over_the_strength():
    supply = on_hand(
        [DispenseRow(date(2026, 5, 1), 20, Decimal(25))],
        [DoseRow(date(2026, 5, 2), Decimal(50)), DoseRow(date(2026, 5, 5), Decimal("12.5"))],
    )
    assert supply.expected_units == Decimal("17.5")
    assert supply.strength_mg_per_unit == Decimal(25)


def test_a_fraction_of_a_unit_is_kept_exactly_and_shown_to_two_decimals():
    supply = on_hand([DispenseRow(date(2026, 5, 1), 10, Decimal(30))], [DoseRow(date(2026, 5, 2), Decimal(50))])
    assert supply.expected_units_rounded == Decimal("8.33")


def test_each_dose_uses_the_strength_of_the_latest_dispense_on_or_before_its_day():
    dispenses = [DispenseRow(date(2026, 5, 1), 10, Decimal(25)), DispenseRow(date(2026, 5, 10), 10, Decimal(50))]
    doses = [
        DoseRow(date(2026, 5, 9), Decimal(50)),  # 2 units of 25 mg
        DoseRow(date(2026, 5, 10), Decimal(50)),  # 1 unit of 50 mg: the new supply, the same day
    ]
    supply = on_hand(dispenses, doses)
    assert supply.expected_units == Decimal(17)
    assert supply.strength_mg_per_unit == Decimal(50)


def test_a_dose_before_the_first_dispense_came_from_a_supply_never_recorded():
    supply = on_hand([DispenseRow(date(2026, 5, 10), 10, Decimal(25))], [DoseRow(date(2026, 5, 9), Decimal(50))])
    assert supply.expected_units == Decimal(10)


def test_more_logged_than_dispensed_goes_below_zero():
    supply = on_hand([DispenseRow(date(2026, 5, 1), 1, Decimal(25))], [DoseRow(date(2026, 5, 2), Decimal(50))])
    assert supply.expected_units == Decimal(-1)


def test_a_dispense_without_units_is_refused():
    with pytest.raises(ValueError):
        on_hand([DispenseRow(date(2026, 5, 1), 0, Decimal(25))], [])
