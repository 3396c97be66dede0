"""Gate "plan active" (CLINICAL.md section 2): an active patient, a signed current consent and an active plan."""

import pytest

from tests.treatment.gate_data import patient_state, plan_limits, run


def test_an_active_patient_with_consent_and_an_active_plan_passes():
    result = run()
    assert result.passed
    assert result.failures == ()


def test_an_inactive_patient_is_held():
    result = run(patient=patient_state(is_active=False))
    assert result.codes == ("patient_inactive",)
    assert "not active" in result.failures[0].message


def test_a_patient_without_the_current_consent_is_held():
    result = run(patient=patient_state(has_current_consent=False))
    assert result.codes == ("consent",)
    assert "consent" in result.failures[0].message


@pytest.mark.parametrize("status", ["paused", "completed"])
def test_a_plan_that_is_not_active_holds(status):
    result = run(plan=plan_limits(status=status))
    assert result.codes == ("plan_inactive",)
    assert f"Your treatment plan is {status}, not active." in result.failures[0].message


def test_every_held_message_tells_the_patient_not_to_dose():
    result = run(patient=patient_state(is_active=False, has_current_consent=False), plan=plan_limits(status="paused"))
    assert result.codes == ("patient_inactive", "consent", "plan_inactive")
    assert all(failure.message.endswith("Do not take a dose now.") for failure in result.failures)
