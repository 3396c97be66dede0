"""A severe or life-threatening adverse event raises a critical alert, which holds the next dose (gate "no open safety
alert", CLINICAL.md section 2) until a physician on the care team resolves the alert; then the check passes again."""

import pytest

from monitoring import services as monitoring_services
from monitoring.models import Alert, AlertKind
from tests.treatment.record_data import reported_adverse_event
from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import SessionStatus


def check(patient):
    return services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check()).session


@pytest.mark.parametrize("severity", ["severe", "life_threatening"])
def test_a_critical_adverse_event_holds_the_next_dose_until_resolved(ready_patient, physician, severity):
    reported_adverse_event(ready_patient, severity=severity)

    held = check(ready_patient)
    assert held.status == SessionStatus.HELD
    assert "safety_alert" in [failure["code"] for failure in held.gate_failures]

    monitoring_services.alert_resolve(
        actor=physician.user,
        alert=Alert.objects.get(patient=ready_patient, kind=AlertKind.ADVERSE_EVENT),
        note="Called her; seen in clinic.",
    )
    assert check(ready_patient).status == SessionStatus.IN_PROGRESS


@pytest.mark.parametrize("severity", ["mild", "moderate"])
def test_a_mild_or_moderate_adverse_event_does_not_hold(ready_patient, severity):
    reported_adverse_event(ready_patient, severity=severity)
    assert check(ready_patient).status == SessionStatus.IN_PROGRESS
