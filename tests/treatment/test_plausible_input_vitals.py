"""Plausible vital signs (CLINICAL.md section 2): systolic 60-260 mmHg, diastolic 30-160 mmHg, systolic above
diastolic, heart rate 25-250 per minute. Typing errors are refused with the field in plain words and its range."""

import pytest
from django.core.exceptions import ValidationError

from treatment.plausible import validate_vitals

GOOD = {"systolic": 128, "diastolic": 82, "heart_rate": 72}


@pytest.mark.parametrize(
    ("systolic", "diastolic", "heart_rate"),
    [(60, 40, 72), (260, 82, 72), (128, 30, 72), (200, 160, 72), (128, 82, 25), (128, 82, 250)],
    ids=["systolic-60", "systolic-260", "diastolic-30", "diastolic-160", "heart-rate-25", "heart-rate-250"],
)
def test_values_at_the_edges_of_the_plausible_range_are_accepted(systolic, diastolic, heart_rate):
    validate_vitals(systolic=systolic, diastolic=diastolic, heart_rate=heart_rate)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("systolic", 59, "Systolic blood pressure (the upper number) must be a whole number from 60 to 260 mmHg"),
        ("systolic", 261, "Systolic blood pressure (the upper number) must be a whole number from 60 to 260 mmHg"),
        ("systolic", 1200, "Systolic blood pressure (the upper number) must be a whole number from 60 to 260 mmHg"),
        ("diastolic", 29, "Diastolic blood pressure (the lower number) must be a whole number from 30 to 160 mmHg"),
        ("diastolic", 161, "Diastolic blood pressure (the lower number) must be a whole number from 30 to 160 mmHg"),
        ("heart_rate", 24, "Heart rate must be a whole number from 25 to 250 per minute"),
        ("heart_rate", 251, "Heart rate must be a whole number from 25 to 250 per minute"),
    ],
)
def test_values_beyond_the_plausible_range_are_refused_naming_the_field_and_range(field, value, message):
    values = GOOD | {field: value}
    if field == "diastolic" and value == 161:
        values["systolic"] = 200
    with pytest.raises(ValidationError) as refused:
        validate_vitals(**values)
    assert refused.value.messages == [f"{message}; you entered {value}."]


def test_systolic_one_above_diastolic_is_accepted():
    validate_vitals(systolic=91, diastolic=90, heart_rate=70)


@pytest.mark.parametrize(("systolic", "diastolic"), [(90, 90), (80, 90)])
def test_systolic_not_above_diastolic_is_refused(systolic, diastolic):
    with pytest.raises(ValidationError, match=r"The upper number \(systolic\) must be higher than the lower number"):
        validate_vitals(systolic=systolic, diastolic=diastolic, heart_rate=70)


@pytest.mark.parametrize("field", ["systolic", "diastolic", "heart_rate"])
@pytest.mark.parametrize("value", [True, False, 120.0, "120"])
def test_a_value_that_is_not_a_whole_number_is_refused(field, value):
    with pytest.raises(ValidationError, match="must be a whole number"):
        validate_vitals(**(GOOD | {field: value}))


@pytest.mark.parametrize("field", ["systolic", "diastolic"])
def test_a_missing_blood_pressure_number_is_refused(field):
    with pytest.raises(ValidationError, match="must be a whole number"):
        validate_vitals(**(GOOD | {field: None}))


def test_a_heart_rate_may_be_left_out_after_the_dose():
    validate_vitals(systolic=128, diastolic=82, heart_rate=None)


def test_every_implausible_value_is_reported_at_once():
    with pytest.raises(ValidationError) as refused:
        validate_vitals(systolic=1200, diastolic=900, heart_rate=7)
    assert len(refused.value.messages) == 3


def test_a_second_reading_is_named_as_such():
    with pytest.raises(ValidationError, match=r"Heart rate, second reading must be"):
        validate_vitals(systolic=128, diastolic=82, heart_rate=300, second_reading=True)
