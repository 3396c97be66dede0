"""A patient may re-measure after 5 minutes seated and rested; both readings are kept and the gate uses the second."""

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.gate_data import pre_dose_check, run
from treatment import gates


def test_a_second_reading_within_the_limits_passes_after_a_first_beyond_them():
    check = pre_dose_check(
        systolic=165,
        diastolic=88,
        heart_rate=104,
        remeasured_systolic=152,
        remeasured_diastolic=86,
        remeasured_heart_rate=92,
    )
    result = run(check=check)
    assert result.passed
    assert result.readings == gates.Readings(systolic=152, diastolic=86, heart_rate=92, remeasured=True)


def test_a_second_reading_beyond_the_limits_holds_after_a_first_within_them():
    check = pre_dose_check(
        systolic=150,
        diastolic=85,
        heart_rate=80,
        remeasured_systolic=162,
        remeasured_diastolic=85,
        remeasured_heart_rate=80,
    )
    result = run(check=check)
    assert result.codes == ("systolic",)
    assert "Your blood pressure is 162/85." in result.failures[0].message


def test_without_a_second_reading_the_first_is_used():
    result = run(check=pre_dose_check(systolic=128, diastolic=82, heart_rate=72))
    assert result.readings == gates.Readings(systolic=128, diastolic=82, heart_rate=72, remeasured=False)


def test_a_held_reading_may_be_measured_again_once():
    first = run(check=pre_dose_check(systolic=165))
    assert first.may_remeasure
    second = run(
        check=pre_dose_check(systolic=165, remeasured_systolic=163, remeasured_diastolic=82, remeasured_heart_rate=72)
    )
    assert second.codes == ("systolic",)
    assert not second.may_remeasure


def test_a_hold_for_another_reason_offers_no_remeasurement():
    assert not run(check=pre_dose_check(safe_setting=False)).may_remeasure


def test_a_partial_second_reading_is_refused():
    with pytest.raises(ValidationError, match="second reading in full"):
        run(check=pre_dose_check(remeasured_systolic=150, remeasured_diastolic=85))


def test_an_implausible_second_reading_is_refused_and_named():
    check = pre_dose_check(remeasured_systolic=1500, remeasured_diastolic=85, remeasured_heart_rate=70)
    with pytest.raises(ValidationError, match="Systolic blood pressure \\(the upper number\\), second reading"):
        run(check=check)
