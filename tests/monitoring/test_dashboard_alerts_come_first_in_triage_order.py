"""The dashboard opens with the physician's alerts needing attention: open before acknowledged, the most severe
first, then the oldest; resolved ones are not there; each names the patient and the reason in plain words."""

import time_machine
from django.urls import reverse

from monitoring import services
from monitoring.models import Severity
from tests.monitoring.conftest import raise_alert


def test_open_alerts_by_severity_then_age_then_acknowledged(client, physician, patient, second_patient):
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        old_medium = raise_alert(patient, severity=Severity.MEDIUM, cause="session:1")
        acknowledged_critical = raise_alert(second_patient, severity=Severity.CRITICAL, cause="adverse_event:1")
    with time_machine.travel("2026-03-01 10:00Z", tick=False):
        old_high = raise_alert(second_patient, severity=Severity.HIGH, cause="session:2")
        resolved = raise_alert(patient, severity=Severity.CRITICAL, cause="session:9")
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        new_critical = raise_alert(
            patient, severity=Severity.CRITICAL, cause="session:3", summary="Held: blood pressure."
        )
        new_high = raise_alert(patient, severity=Severity.HIGH, cause="session:4")
    services.alert_acknowledge(actor=physician.user, alert=acknowledged_critical)
    services.alert_resolve(actor=physician.user, alert=resolved, note="Called the patient.")

    client.force_login(physician.user)
    response = client.get(reverse("dashboard"))
    shown = [alert.pk for alert in response.context["alerts"]]
    assert shown == [new_critical.pk, old_high.pk, new_high.pk, old_medium.pk, acknowledged_critical.pk]
    assert response.context["alert_total"] == 5
    body = response.content.decode()
    assert body.index("Alerts needing attention") < body.index("Your patients")
    assert "Held: blood pressure." in body
    assert reverse("patient_chart", kwargs={"patient_pk": patient.pk}) in body
