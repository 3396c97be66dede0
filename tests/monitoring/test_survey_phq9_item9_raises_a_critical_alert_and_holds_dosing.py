"""PRODUCT.md: PHQ-9 item 9 answered above 0 raises a critical suicidality alert — whatever the total — and the
critical safety alert holds every dose (treatment's SafetyHold) until a physician resolves it."""

import pytest

from monitoring.models import Alert, AlertKind, Severity
from tests.monitoring.survey_data import answer, phq9
from treatment.models import SafetyHold


@pytest.mark.parametrize("q9", [1, 2, 3])
def test_item9_above_zero_raises_critical_suicidality(patient, q9):
    response = answer(patient, "phq9", phq9(q9=q9))

    alert = Alert.objects.get(patient=patient, kind=AlertKind.SUICIDALITY)
    assert alert.severity == Severity.CRITICAL
    assert alert.cause == f"response:{response.pk}"
    assert response.total == q9 and response.band == "minimal" and response.flags == ["suicidality"]
    assert SafetyHold.objects.filter(patient=patient, cause=alert.cause, cleared_at__isnull=True).exists()


def test_item9_at_zero_raises_nothing(patient):
    answer(patient, "phq9", phq9(q9=0, each=1))
    assert not Alert.objects.filter(patient=patient).exists()
    assert not SafetyHold.objects.filter(patient=patient).exists()
