"""Gate "plan active" (CLINICAL.md sections 1 and 2): the patient's latest answered eligibility screen must be
cleared; otherwise the dose is held with a plain reason for the patient. Pure: no database."""

import pytest

from tests.treatment.gate_data import patient_state, run


def test_a_cleared_patient_passes():
    assert run(patient=patient_state(eligibility="cleared")).passed


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (
            "needs_review",
            "Your answers to the eligibility questions need your care team's review before your next dose.",
        ),
        ("unanswered", "You have not answered the eligibility questions yet"),
        ("not_cleared", "your care team has not cleared you for treatment. Contact your care team."),
    ],
)
def test_a_patient_not_cleared_is_held_with_a_plain_reason(status, reason):
    result = run(patient=patient_state(eligibility=status))
    assert result.codes == ("eligibility",)
    assert reason in result.failures[0].message
    assert result.failures[0].message.endswith("Do not take a dose now.")
