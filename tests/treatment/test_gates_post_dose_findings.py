"""After the dose (CLINICAL.md section 2): the dose is recorded as reported; a dose above the plan's maximum, a
blood pressure beyond the plan's limits (high) or beyond 180/120 (critical) and a dissociation of 8 or more are
reported to the service, which raises the alerts and marks the session for review."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.gate_data import plan_limits
from treatment.gates import post_dose_findings

PLAN = plan_limits(max_single_dose_mg=Decimal(100))


def findings(dose=50, planned=50, dissociation=4, systolic=None, diastolic=None, plan=PLAN):
    return post_dose_findings(
        plan,
        dose_taken_mg=Decimal(dose),
        planned_dose_mg=Decimal(planned),
        dissociation=dissociation,
        systolic=systolic,
        diastolic=diastolic,
    )


def test_a_dose_as_planned_with_nothing_else_has_no_findings():
    result = findings()
    assert result.findings == ()
    assert not result.needs_physician_review


def test_a_dose_at_the_maximum_single_dose_is_not_above_the_plan():
    assert findings(dose=100, planned=100).codes == ()


def test_a_dose_above_the_maximum_single_dose_raises_a_high_alert():
    (finding,) = findings(dose=120).findings
    assert (finding.code, finding.alert_severity) == ("dose_above_maximum", "high")
    assert finding.message == "Dose logged: 120 mg, above the plan's maximum single dose of 100 mg."


def test_a_dose_above_the_titrated_dose_but_within_the_maximum_is_marked_for_review():
    result = findings(dose=75, planned=50)
    assert result.codes == ("dose_above_planned",)
    assert result.findings[0].alert_severity is None
    assert result.needs_physician_review


@pytest.mark.parametrize(
    ("systolic", "diastolic", "severity"),
    [
        (160, 90, None),
        (161, 90, "high"),
        (160, 91, "high"),
        (180, 120, "high"),
        (181, 100, "critical"),
        (170, 121, "critical"),
    ],
)
def test_a_post_dose_blood_pressure_beyond_the_plan_is_high_and_beyond_180_120_critical(systolic, diastolic, severity):
    result = findings(systolic=systolic, diastolic=diastolic)
    if severity is None:
        assert result.codes == ()
    else:
        (finding,) = result.findings
        assert (finding.code, finding.alert_severity) == ("blood_pressure", severity)
        assert f"{systolic}/{diastolic}" in finding.message


def test_the_critical_message_names_180_120():
    (finding,) = findings(systolic=185, diastolic=100).findings
    assert finding.message == "Blood pressure after the dose: 185/100, above 180/120."


@pytest.mark.parametrize(("dissociation", "review"), [(7, False), (8, True), (10, True)])
def test_dissociation_of_8_or_more_marks_the_session_for_physician_review(dissociation, review):
    result = findings(dissociation=dissociation)
    assert result.needs_physician_review is review
    assert result.codes == (("dissociation",) if review else ())
    if review:
        assert result.findings[0].alert_severity is None


def test_findings_come_together():
    result = findings(dose=150, dissociation=9, systolic=185, diastolic=95)
    assert result.codes == ("dose_above_maximum", "blood_pressure", "dissociation")


def test_an_implausible_dose_is_refused():
    with pytest.raises(ValidationError, match="at most 1000 mg"):
        findings(dose=1001)


def test_half_a_blood_pressure_is_refused():
    with pytest.raises(ValidationError, match="both numbers"):
        findings(systolic=150)


def test_an_implausible_post_dose_reading_is_refused():
    with pytest.raises(ValidationError, match="Diastolic"):
        findings(systolic=150, diastolic=20)
