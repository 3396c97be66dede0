"""Records are never silently changed, even by code that bypasses the services: PostgreSQL refuses an UPDATE of a
completed session and any UPDATE or DELETE of an adverse event, addendum, dispense or supply count
(treatment migration 0005). The in_progress → completed move of the post-dose entry is the one UPDATE allowed."""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.treatment.record_data import completed_session, reported_adverse_event
from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import Addendum, AdverseEvent, Dispense, SessionStatus, SupplyCount, TreatmentSession

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")


def refused(sql, params):
    with pytest.raises(DatabaseError, match=r"never changed|never deleted|append-only"):  # noqa: SIM117
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_an_update_of_a_completed_session_fails_and_changes_nothing(ready_patient):
    session = completed_session(ready_patient)
    refused("UPDATE treatment_treatmentsession SET dose_mg = 20, notes = 'edited' WHERE id = %s", [session.pk])
    session.refresh_from_db()
    assert (session.dose_mg, session.notes, session.status) == (50, "Felt calm afterwards.", SessionStatus.COMPLETED)


def test_the_orm_cannot_change_a_completed_session_either(ready_patient):
    session = completed_session(ready_patient)
    with pytest.raises(DatabaseError), transaction.atomic():
        TreatmentSession.objects.filter(pk=session.pk).update(pain_after=0)
    session.refresh_from_db()
    assert session.pain_after == 3


def test_a_session_is_never_deleted(ready_patient):
    session = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170)
    ).session
    assert session.status == SessionStatus.HELD
    refused("DELETE FROM treatment_treatmentsession WHERE id = %s", [session.pk])
    assert TreatmentSession.objects.filter(pk=session.pk).exists()


def test_a_held_session_may_still_move_on(ready_patient):
    """Only a completed session is final: the other states are moved by the services (held, missed …)."""
    session = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170)
    ).session
    TreatmentSession.objects.filter(pk=session.pk).update(needs_review=True)
    session.refresh_from_db()
    assert session.needs_review


def test_an_adverse_event_and_its_addendum_are_never_changed_or_deleted(patient, physician):
    adverse_event = reported_adverse_event(patient)
    addendum = services.addendum_add(actor=physician.user, record=adverse_event, reason="Detail", text="Seen today.")
    refused("UPDATE treatment_adverseevent SET severity = 'mild' WHERE id = %s", [adverse_event.pk])
    refused("DELETE FROM treatment_adverseevent WHERE id = %s", [adverse_event.pk])
    refused("UPDATE treatment_addendum SET text = 'changed' WHERE id = %s", [addendum.pk])
    refused("DELETE FROM treatment_addendum WHERE id = %s", [addendum.pk])
    assert AdverseEvent.objects.get().severity == "moderate"
    assert Addendum.objects.get().text == "Seen today."


def test_a_dispense_and_a_supply_count_are_never_changed_or_deleted(patient, physician):
    dispense = Dispense.objects.create(
        patient=patient,
        recorded_by=physician.user,
        dispensed_on="2026-01-05",
        pharmacy="Main Street Pharmacy",
        units=30,
        strength_mg_per_unit=50,
    )
    count = SupplyCount.objects.create(patient=patient, counted_by=patient.user, units_on_hand=28)
    refused("UPDATE treatment_dispense SET units = 60 WHERE id = %s", [dispense.pk])
    refused("DELETE FROM treatment_dispense WHERE id = %s", [dispense.pk])
    refused("UPDATE treatment_supplycount SET units_on_hand = 30 WHERE id = %s", [count.pk])
    refused("DELETE FROM treatment_supplycount WHERE id = %s", [count.pk])
    assert Dispense.objects.get().units == 30
    assert SupplyCount.objects.get().units_on_hand == 28
