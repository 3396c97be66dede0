"""Each of treatment's domain events (treatment.events) raises the alert of PRODUCT.md's table, with the severity of
PRODUCT.md and CLINICAL.md section 2, and a cause naming the record. Sent here directly: the treatment side sends
them from its services."""

from decimal import Decimal

import pytest

from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.gate_data import plan_limits
from treatment import events
from treatment.gates import blood_pressure_severity

PLAN_160_90 = plan_limits(systolic_limit=160, diastolic_limit=90)


def _only_alert():
    (alert,) = Alert.objects.all()
    return alert


@pytest.mark.parametrize(("severe_hypertension", "severity"), [(False, Severity.HIGH), (True, Severity.CRITICAL)])
def test_a_held_session_raises_dose_held(patient, severe_hypertension, severity):
    events.session_held.send(
        sender=None,
        patient=patient,
        session_id=12,
        reasons=["systolic", "checklist"],
        severe_hypertension=severe_hypertension,
    )
    alert = _only_alert()
    assert (alert.patient, alert.kind, alert.severity, alert.cause) == (
        patient,
        AlertKind.DOSE_HELD,
        severity,
        "session:12",
    )
    assert "systolic blood pressure over the limit, safety checklist not complete" in alert.summary


@pytest.mark.parametrize(
    ("systolic", "diastolic", "severity"),
    [
        (165, 95, Severity.HIGH),
        (180, 120, Severity.HIGH),  # at 180/120: not yet "severe hypertension" (ACC/AHA 2017: over it)
        (181, 100, Severity.CRITICAL),
        (170, 121, Severity.CRITICAL),
    ],
)
def test_a_blood_pressure_beyond_the_limit_raises_blood_pressure(patient, systolic, diastolic, severity):
    events.blood_pressure_beyond_limit.send(
        sender=None,
        patient=patient,
        session_id=5,
        systolic=systolic,
        diastolic=diastolic,
        moment="post_dose",
        severity=blood_pressure_severity(systolic, diastolic, PLAN_160_90),
    )
    alert = _only_alert()
    assert (alert.kind, alert.severity, alert.cause) == (AlertKind.BLOOD_PRESSURE, severity, "session:5")
    assert f"{systolic}/{diastolic} mmHg after dosing" in alert.summary


def test_pre_and_post_dose_readings_of_one_session_are_one_alert_at_the_worst_severity(patient):
    events.blood_pressure_beyond_limit.send(
        sender=None, patient=patient, session_id=5, systolic=185, diastolic=100, moment="pre_dose", severity="critical"
    )
    events.blood_pressure_beyond_limit.send(
        sender=None, patient=patient, session_id=5, systolic=165, diastolic=95, moment="post_dose", severity="high"
    )
    alert = _only_alert()
    assert (alert.severity, alert.occurrences) == (Severity.CRITICAL, 2)


def test_a_dose_above_the_plan_raises_dose_above_plan(patient):
    events.dose_above_plan.send(
        sender=None, patient=patient, session_id=8, dose_mg=Decimal("150"), maximum_mg=Decimal("100")
    )
    alert = _only_alert()
    assert (alert.kind, alert.severity, alert.cause) == (AlertKind.DOSE_ABOVE_PLAN, Severity.HIGH, "session:8")


@pytest.mark.parametrize(
    ("grade", "severity"),
    [
        ("mild", Severity.MEDIUM),
        ("moderate", Severity.HIGH),
        ("severe", Severity.CRITICAL),
        ("life_threatening", Severity.CRITICAL),
    ],
)
def test_an_adverse_event_raises_an_alert_of_its_grade(patient, grade, severity):
    events.adverse_event_reported.send(sender=None, patient=patient, adverse_event_id=3, severity=grade)
    alert = _only_alert()
    assert (alert.kind, alert.severity, alert.cause) == (AlertKind.ADVERSE_EVENT, severity, "adverse_event:3")


def test_an_unknown_adverse_event_grade_is_a_loud_error(patient):
    with pytest.raises(ValueError, match="Unknown adverse event severity"):
        events.adverse_event_reported.send(sender=None, patient=patient, adverse_event_id=3, severity="grade 5")
    assert not Alert.objects.exists()


@pytest.mark.parametrize("reason", ["count_mismatch", "early_refill"])
def test_a_dispense_mismatch_raises_dispense_mismatch(patient, reason):
    events.dispense_mismatch.send(
        sender=None,
        patient=patient,
        dispense_id=4,
        reason=reason,
        expected_units=Decimal("10"),
        reported_units=Decimal("7"),
    )
    alert = _only_alert()
    assert (alert.kind, alert.severity, alert.cause) == (AlertKind.DISPENSE_MISMATCH, Severity.HIGH, "dispense:4")


def test_the_same_event_sent_twice_is_one_alert(patient):
    for _ in range(2):
        events.adverse_event_reported.send(sender=None, patient=patient, adverse_event_id=3, severity="moderate")
    assert _only_alert().occurrences == 2
