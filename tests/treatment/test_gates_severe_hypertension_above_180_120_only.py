"""Severe hypertension is systolic > 180 or diastolic > 120 (ACC/AHA 2017, CLINICAL.md section 2): the patient is
told not to dose, to re-check in 5 minutes and to call the emergency number with symptoms; the alert is critical."""

import pytest

from tests.treatment.gate_data import plan_limits, pre_dose_check, run
from treatment import gates

# The highest limits a plan may have (CLINICAL.md: systolic 120-180, diastolic 70-110), so 180 itself passes.
HIGHEST_LIMITS = plan_limits(systolic_limit=180, diastolic_limit=110)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "severe"),
    [(180, 100, False), (181, 100, True), (170, 120, False), (170, 121, True), (181, 121, True)],
)
def test_severe_hypertension_is_flagged_above_180_over_120_only(systolic, diastolic, severe):
    result = run(plan=HIGHEST_LIMITS, check=pre_dose_check(systolic=systolic, diastolic=diastolic))
    assert result.severe_hypertension is severe
    assert result.blood_pressure_severity == ("critical" if severe else "high" if diastolic > 110 else None)


def test_a_reading_beyond_the_plan_but_not_severe_is_a_high_blood_pressure_finding():
    result = run(check=pre_dose_check(systolic=170, diastolic=105))
    assert not result.severe_hypertension
    assert result.blood_pressure_severity == "high"
    assert not result.passed


def test_a_severe_reading_always_holds_as_well():
    result = run(plan=HIGHEST_LIMITS, check=pre_dose_check(systolic=185, diastolic=100))
    assert result.codes == ("systolic",)


def test_severe_hypertension_uses_the_second_reading():
    check = pre_dose_check(
        systolic=190, diastolic=100, remeasured_systolic=150, remeasured_diastolic=85, remeasured_heart_rate=70
    )
    result = run(check=check)
    assert result.passed
    assert not result.severe_hypertension


def test_the_instructions_put_the_emergency_number_first_and_name_the_symptoms():
    text = gates.SEVERE_HYPERTENSION_INSTRUCTIONS.format(emergency_number="911")
    assert text.startswith("Call 911 now if you have chest pain, shortness of breath, a severe headache, weakness,")
    assert "confusion or changes in vision" in text
    assert "do not take a dose" in text
    assert "again in 5 minutes" in text


def test_the_instructions_carry_the_clinics_own_emergency_number():
    assert gates.SEVERE_HYPERTENSION_INSTRUCTIONS.format(emergency_number="112").startswith("Call 112 now")
