"""A dispense recorded while the supply would last more than 7 days more is an early refill: a high alert."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.supply_data import completed_session
from treatment import services


def _dispense(physician, patient, units):
    return services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=units,
        strength_mg_per_unit=Decimal(25),
    )


def test_the_first_dispense_is_never_early(physician, patient, plan):
    assert _dispense(physician, patient, 40).early_refill is False
    assert not Alert.objects.exists()


def test_seven_days_left_is_on_time(physician, patient, plan):
    # Plan: 50 mg twice a week; 25 mg units -> 4 units a week. 5 dispensed, 1 taken: 4 left, exactly 7 days.
    _dispense(physician, patient, 5)
    completed_session(patient, 25, plan=plan)
    assert _dispense(physician, patient, 8).early_refill is False
    assert not Alert.objects.exists()


def test_more_than_seven_days_left_is_early_and_alerts(physician, patient, plan):
    _dispense(physician, patient, 5)
    completed_session(patient, "12.5", plan=plan)  # 4.5 units left: more than 7 days
    outcome = _dispense(physician, patient, 8)
    assert outcome.early_refill is True
    alert = Alert.objects.get()
    assert (alert.kind, alert.severity, alert.cause) == (
        AlertKind.DISPENSE_MISMATCH,
        Severity.HIGH,
        f"dispense:{outcome.dispense.pk}",
    )


def test_without_an_active_plan_nothing_is_judged_early(physician, patient):
    _dispense(physician, patient, 40)
    assert _dispense(physician, patient, 40).early_refill is False


def test_a_dispense_in_the_future_is_refused(physician, patient):
    import pytest

    from anodyne.errors import DomainError

    with pytest.raises(DomainError, match="future"):
        services.dispense_record(
            actor=physician.user,
            patient=patient,
            dispensed_on=date(2999, 1, 1),
            pharmacy="Main Street Pharmacy",
            units=10,
            strength_mg_per_unit=Decimal(25),
        )
