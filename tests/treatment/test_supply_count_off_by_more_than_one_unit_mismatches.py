"""A count mismatches when it differs from the expectation by more than 1 unit (CLINICAL.md "Dispensing")."""

from decimal import Decimal

import pytest

from treatment.supply import count_mismatches


@pytest.mark.parametrize(
    ("reported", "mismatch"),
    [("10", False), ("11", False), ("9", False), ("11.01", True), ("8.99", True), ("0", True)],
)
def test_exactly_one_unit_off_matches_and_just_beyond_does_not(reported, mismatch):
    assert count_mismatches(expected_units=Decimal(10), reported_units=Decimal(reported)) is mismatch
