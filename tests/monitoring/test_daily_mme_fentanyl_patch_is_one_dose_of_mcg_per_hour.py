"""A fentanyl patch is recorded as its strength in mcg/h with doses_per_day = 1; patches worn together are one
dose of their summed mcg/h (CLINICAL.md section 4; CDC 2022 factor 2.4)."""

from decimal import Decimal

import pytest

from monitoring.opioids import DOSE_UNITS, daily_mme


@pytest.mark.parametrize(("mcg_per_hour", "mme"), [(12, "28.80"), (25, "60.00"), (Decimal("37.5"), "90.00")])
def test_patch_strength_times_2_4(mcg_per_hour, mme):
    assert str(daily_mme("fentanyl_transdermal", mcg_per_hour, 1)) == mme


def test_two_25_patches_are_recorded_as_one_dose_of_50():
    assert daily_mme("fentanyl_transdermal", 50, 1) == Decimal(120)


@pytest.mark.parametrize("doses", [2, 3, 0])
def test_more_or_fewer_than_one_dose_a_day_is_refused(doses):
    with pytest.raises(ValueError, match=r"fentanyl patch|at least 1"):
        daily_mme("fentanyl_transdermal", 25, doses)


def test_the_patch_is_measured_in_mcg_per_hour():
    assert DOSE_UNITS["fentanyl_transdermal"] == "mcg/h"
    assert {unit for drug, unit in DOSE_UNITS.items() if drug != "fentanyl_transdermal"} == {"mg"}
