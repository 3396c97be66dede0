"""CLINICAL.md section 3: blood in the urine (flag hematuria) raises a high bladder alert; bladder pain (q4 ≥ 3) or a
total at least 4 points above the patient's bladder baseline raises a medium one."""

import datetime as dt

from django.utils import timezone

from monitoring.models import Alert, AlertKind, Severity
from tests.monitoring.survey_data import answer, bladder


def _bladder_alert(patient):
    return Alert.objects.filter(patient=patient, kind=AlertKind.BLADDER_SYMPTOMS).first()


def test_hematuria_raises_high(patient):
    answer(patient, "bladder", bladder(blood=1))
    alert = _bladder_alert(patient)
    assert (alert.severity, alert.cause) == (Severity.HIGH, "instrument:bladder")


def test_bladder_pain_raises_medium(patient):
    answer(patient, "bladder", bladder(q4=3))
    assert _bladder_alert(patient).severity == Severity.MEDIUM


def test_a_rise_of_four_above_baseline_raises_medium_three_does_not(patient):
    answer(patient, "bladder", bladder(q1=1, q2=1), at=timezone.now() - dt.timedelta(days=56))  # baseline 2
    answer(patient, "bladder", bladder(q1=2, q2=2, q3=1), at=timezone.now() - dt.timedelta(days=28))  # 5: +3
    assert _bladder_alert(patient) is None
    answer(patient, "bladder", bladder(q1=2, q2=2, q3=2))  # 6: +4
    assert _bladder_alert(patient).severity == Severity.MEDIUM


def test_no_symptoms_raise_nothing(patient):
    answer(patient, "bladder", bladder(q1=1, q4=2))
    assert _bladder_alert(patient) is None
