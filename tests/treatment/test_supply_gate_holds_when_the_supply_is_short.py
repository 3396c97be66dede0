"""The supply gate: the expected units on hand must cover the planned dose once something was dispensed."""

from decimal import Decimal

from django.utils import timezone

from monitoring.models import Alert, AlertKind
from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import SessionStatus


def _dispense(physician, patient, units, strength=25):
    services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=units,
        strength_mg_per_unit=Decimal(strength),
    )


def test_a_supply_short_of_the_planned_dose_holds(physician, ready_patient):
    _dispense(physician, ready_patient, 1)  # 25 mg on hand; the plan's dose is 50 mg
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.status == SessionStatus.HELD
    assert [failure["code"] for failure in outcome.session.gate_failures] == ["supply"]
    assert Alert.objects.get().kind == AlertKind.DOSE_HELD


def test_a_supply_that_covers_the_dose_passes_without_a_note(physician, ready_patient):
    _dispense(physician, ready_patient, 2)  # exactly 50 mg
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.status == SessionStatus.IN_PROGRESS
    assert outcome.session.gate_notes == []


def test_no_dispense_passes_with_a_note(ready_patient):
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.status == SessionStatus.IN_PROGRESS
    assert [note["code"] for note in outcome.session.gate_notes] == ["supply_unknown"]
