"""The care team's refill alert closes when a physician decides the request, with that physician as the one who
resolved it; a request already closed from the dashboard is decided all the same."""

from monitoring import services as monitoring_services
from monitoring.models import Alert, AlertKind, AlertStatus
from tests.treatment.refill_data import low_supply, requested
from treatment import refills


def test_approving_resolves_the_alert(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=True)
    alert = Alert.objects.get(kind=AlertKind.REFILL_REQUESTED)
    assert (alert.status, alert.resolved_by, alert.resolution_note) == (
        AlertStatus.RESOLVED,
        physician.user,
        "Refill approved, awaiting the dispense.",
    )


def test_declining_resolves_the_alert_with_the_reason(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=False, reason="Count first.")
    alert = Alert.objects.get(kind=AlertKind.REFILL_REQUESTED)
    assert (alert.status, alert.resolved_by, alert.resolution_note) == (
        AlertStatus.RESOLVED,
        physician.user,
        "Refill declined: Count first.",
    )


def test_an_alert_resolved_before_the_decision_is_left_as_it_was(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = requested(ready_patient)
    alert = Alert.objects.get(kind=AlertKind.REFILL_REQUESTED)
    monitoring_services.alert_resolve(actor=physician.user, alert=alert, note="Will decide on the refill page.")
    refills.refill_decide(actor=physician.user, request=request, approve=True)
    alert.refresh_from_db()
    assert alert.resolution_note == "Will decide on the refill page."
