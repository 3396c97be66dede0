"""daily_mme refuses, with ValueError, an unknown drug (buprenorphine: the guideline gives it no factor), a dose of
0 or less, a dose that is not a Decimal or an int (a float is refused: it is already rounded), and doses per day
that are not a whole number of at least 1 (a bool is not a number) — CLINICAL.md section 4."""

from decimal import Decimal

import pytest

from monitoring.opioids import daily_mme


@pytest.mark.parametrize("drug", ["buprenorphine", "Morphine", "heroin", "", None])
def test_unknown_drugs_are_refused(drug):
    with pytest.raises(ValueError, match="No MME factor"):
        daily_mme(drug, 10, 2)


@pytest.mark.parametrize("dose", [0, -5, Decimal(0), Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity")])
def test_a_dose_of_0_or_less_or_not_finite_is_refused(dose):
    with pytest.raises(ValueError, match="above 0"):
        daily_mme("morphine", dose, 2)


@pytest.mark.parametrize("dose", [7.5, 10.0, "10", True, None])
def test_a_dose_that_is_not_a_decimal_or_an_int_is_refused(dose):
    with pytest.raises(ValueError, match="Decimal or a whole number"):
        daily_mme("oxycodone", dose, 2)


@pytest.mark.parametrize("doses", [2.0, "2", True, False, None, Decimal(2)])
def test_doses_per_day_that_are_not_an_int_are_refused(doses):
    with pytest.raises(ValueError, match="whole number"):
        daily_mme("morphine", 10, doses)


@pytest.mark.parametrize("doses", [0, -1])
def test_doses_per_day_below_1_are_refused(doses):
    with pytest.raises(ValueError, match="at least 1"):
        daily_mme("morphine", 10, doses)
