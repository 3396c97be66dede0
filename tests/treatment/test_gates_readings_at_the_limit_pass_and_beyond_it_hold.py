"""Gates "systolic", "diastolic" and "heart rate": a reading equal to a limit passes, one beyond it is held.

Clinic defaults 160/90 and heart rate 50-100 (Choose Ketamine remote treatment agreement, CLINICAL.md section 2).
"""

import pytest

from tests.treatment.gate_data import plan_limits, pre_dose_check, run


def reading(**values):
    return run(check=pre_dose_check(**values))


def test_systolic_at_the_limit_passes():
    assert reading(systolic=160).passed


def test_systolic_one_above_the_limit_holds():
    result = reading(systolic=161, diastolic=88)
    assert result.codes == ("systolic",)
    assert result.failures[0].message == (
        "Your blood pressure is 161/88. Your plan holds a dose when the upper number is above 160. "
        "Do not take a dose now."
    )


def test_diastolic_at_the_limit_passes():
    assert reading(diastolic=90).passed


def test_diastolic_one_above_the_limit_holds():
    result = reading(systolic=150, diastolic=91)
    assert result.codes == ("diastolic",)
    assert "Your blood pressure is 150/91." in result.failures[0].message
    assert "lower number is above 90" in result.failures[0].message


def test_heart_rate_at_the_lower_limit_passes():
    assert reading(heart_rate=50).passed


def test_heart_rate_one_below_the_lower_limit_holds():
    result = reading(heart_rate=49)
    assert result.codes == ("heart_rate",)
    assert "Your heart rate is 49 per minute. Your plan holds a dose when it is below 50" in result.failures[0].message


def test_heart_rate_at_the_upper_limit_passes():
    assert reading(heart_rate=100).passed


def test_heart_rate_one_above_the_upper_limit_holds():
    result = reading(heart_rate=101)
    assert result.codes == ("heart_rate",)
    assert "when it is above 100 per minute" in result.failures[0].message


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("systolic", 159, None),
        ("systolic", 160, None),
        ("systolic", 161, "systolic"),
        ("diastolic", 89, None),
        ("diastolic", 90, None),
        ("diastolic", 91, "diastolic"),
        ("heart_rate", 49, "heart_rate"),
        ("heart_rate", 50, None),
        ("heart_rate", 51, None),
        ("heart_rate", 99, None),
        ("heart_rate", 100, None),
        ("heart_rate", 101, "heart_rate"),
    ],
)
def test_each_reading_just_below_at_and_just_above_its_limit(field, value, code):
    result = reading(**{field: value})
    assert result.codes == ((code,) if code else ())


@pytest.mark.parametrize(
    ("field", "limit_field", "limit", "held", "passes"),
    [
        ("systolic", "systolic_limit", 140, 141, 140),
        ("diastolic", "diastolic_limit", 85, 86, 85),
        ("heart_rate", "heart_rate_upper", 120, 121, 120),
        ("heart_rate", "heart_rate_lower", 60, 59, 60),
    ],
)
def test_the_plans_own_limits_are_used(field, limit_field, limit, held, passes):
    plan = plan_limits(**{limit_field: limit})
    assert run(plan=plan, check=pre_dose_check(**{field: passes})).passed
    assert run(plan=plan, check=pre_dose_check(**{field: held})).codes == (field,)


def test_both_blood_pressure_numbers_beyond_their_limits_give_two_reasons():
    assert reading(systolic=170, diastolic=105).codes == ("systolic", "diastolic")
