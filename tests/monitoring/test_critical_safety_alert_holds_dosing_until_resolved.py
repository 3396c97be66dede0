"""CLINICAL.md gate "no open safety alert": a critical adverse-event or suicidality alert holds every dose (treatment's
SafetyHold, opened through treatment.services) until a physician resolves it; other alerts hold nothing."""

import pytest

from monitoring import services
from monitoring.models import AlertKind, Severity
from tests.monitoring.conftest import raise_alert
from treatment.models import SafetyHold


def _open_holds(patient):
    return list(SafetyHold.objects.filter(patient=patient, cleared_at__isnull=True).values_list("cause", flat=True))


@pytest.mark.parametrize("kind", [AlertKind.ADVERSE_EVENT, AlertKind.SUICIDALITY])
def test_a_critical_safety_alert_holds_until_resolved(physician, patient, kind):
    alert = raise_alert(patient, kind=kind, severity=Severity.CRITICAL, cause="adverse_event:3")
    assert _open_holds(patient) == ["adverse_event:3"]

    services.alert_acknowledge(actor=physician.user, alert=alert)
    assert _open_holds(patient) == ["adverse_event:3"]  # acknowledged is not resolved

    services.alert_resolve(actor=physician.user, alert=alert, note="Seen in clinic; safe to continue.")
    assert _open_holds(patient) == []


def test_a_safety_alert_that_becomes_critical_holds_then(patient):
    raise_alert(patient, kind=AlertKind.ADVERSE_EVENT, severity=Severity.HIGH, cause="adverse_event:3")
    assert _open_holds(patient) == []
    raise_alert(patient, kind=AlertKind.ADVERSE_EVENT, severity=Severity.CRITICAL, cause="adverse_event:3")
    assert _open_holds(patient) == ["adverse_event:3"]


def test_other_critical_alerts_hold_nothing(patient):
    raise_alert(patient, kind=AlertKind.DOSE_HELD, severity=Severity.CRITICAL, cause="session:1")
    raise_alert(patient, kind=AlertKind.BLOOD_PRESSURE, severity=Severity.CRITICAL, cause="session:1")
    assert _open_holds(patient) == []
