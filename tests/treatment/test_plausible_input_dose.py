"""A logged dose is more than 0 mg and at most 10 x the plan's maximum single dose (CLINICAL.md section 2): beyond
that it is a typing error. Between the maximum and 10 x the maximum it is recorded and flagged (post_dose_findings)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from treatment.plausible import validate_dose

MAXIMUM = Decimal("100.0")


@pytest.mark.parametrize("dose", [Decimal("0.1"), Decimal(1), 50, Decimal(100), Decimal(101), Decimal(1000)])
def test_doses_above_0_up_to_10_times_the_maximum_are_accepted(dose):
    validate_dose(dose, MAXIMUM)


@pytest.mark.parametrize("dose", [Decimal(0), 0, Decimal("-5"), Decimal("1000.1"), Decimal(10000)])
def test_doses_of_0_or_beyond_10_times_the_maximum_are_refused_with_the_range(dose):
    with pytest.raises(ValidationError) as refused:
        validate_dose(dose, MAXIMUM)
    assert refused.value.messages == [
        "The dose taken must be more than 0 mg and at most 1000 mg (10 times your plan's maximum single dose of "
        f"100 mg); you entered {dose}."
    ]


@pytest.mark.parametrize("dose", [True, Decimal("NaN"), Decimal("Infinity"), 50.0, "50", None])
def test_a_bool_or_anything_but_a_finite_number_is_refused(dose):
    with pytest.raises(ValidationError, match="The dose taken must be more than 0 mg"):
        validate_dose(dose, MAXIMUM)
