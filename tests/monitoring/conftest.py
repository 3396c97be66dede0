"""Alert helpers on top of the cast (tests/conftest.py)."""

import pytest

from monitoring import services
from monitoring.models import AlertKind, Severity


def raise_alert(patient, *, kind=AlertKind.DOSE_HELD, severity=Severity.HIGH, cause="session:1", summary=None):
    return services.alert_raise(
        patient=patient, kind=kind, severity=severity, cause=cause, summary=summary or f"Alert about {cause}."
    )


@pytest.fixture
def open_alert(patient):
    return raise_alert(patient, cause="session:42", summary="Session held before dosing: interval.")
