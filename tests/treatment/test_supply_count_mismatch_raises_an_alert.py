"""A count more than 1 unit away from the expected units on hand raises a high dispense_mismatch alert; the
expected units at that moment are kept with the count."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.supply_data import completed_session
from treatment import services
from treatment.models import SupplyCount


@pytest.fixture
def dispense(physician, patient):
    outcome = services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=12,
        strength_mg_per_unit=Decimal(25),
    )
    completed_session(patient, 50)  # 2 units taken: 10 expected
    return outcome.dispense


def test_a_count_one_unit_off_matches(patient, dispense):
    outcome = services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=Decimal(9))
    assert outcome.mismatch is False
    assert outcome.count.expected_units == Decimal(10)
    assert not Alert.objects.exists()


def test_a_count_more_than_one_unit_off_alerts_with_both_numbers(patient, dispense):
    outcome = services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=Decimal("8.5"))
    assert outcome.mismatch is True
    alert = Alert.objects.get()
    assert (alert.kind, alert.severity, alert.cause) == (
        AlertKind.DISPENSE_MISMATCH,
        Severity.HIGH,
        f"dispense:{dispense.pk}",
    )
    assert "Expected 10.00 units on hand, counted 8.5" in alert.summary
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="supply_count").count() == 1


def test_a_physician_on_the_care_team_may_count(physician, patient, dispense):
    assert services.supply_count_record(actor=physician.user, patient=patient, units_on_hand=10).mismatch is False


def test_nobody_else_may_count(other_physician, second_patient, clinic_admin, patient, dispense):
    for actor in (other_physician.user, second_patient.user, clinic_admin):
        with pytest.raises(DomainError):
            services.supply_count_record(actor=actor, patient=patient, units_on_hand=10)
    assert not SupplyCount.objects.exists()


def test_with_nothing_dispensed_a_count_is_kept_and_expects_nothing(patient):
    outcome = services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=3)
    assert (outcome.count.expected_units, outcome.mismatch) == (None, False)
    assert not Alert.objects.exists()


def test_a_negative_count_is_refused(patient, dispense):
    with pytest.raises(DomainError):
        services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=-1)
