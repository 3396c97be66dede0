"""A pre-dose check within 12 hours of a scheduled session is that session: the row moves on, no second row."""

from datetime import timedelta

from django.utils import timezone

from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import SessionStatus, TreatmentSession


def _scheduled(patient, in_hours):
    return TreatmentSession.objects.create(
        patient=patient, status=SessionStatus.SCHEDULED, scheduled_for=timezone.now() + timedelta(hours=in_hours)
    )


def test_a_check_within_the_window_takes_the_scheduled_row(ready_patient):
    scheduled = _scheduled(ready_patient, 2)
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.pk == scheduled.pk
    assert outcome.session.status == SessionStatus.IN_PROGRESS
    assert outcome.session.scheduled_for == scheduled.scheduled_for
    assert outcome.session.plan_id is not None and outcome.session.systolic == 128
    assert TreatmentSession.objects.count() == 1


def test_a_held_check_takes_it_too(ready_patient):
    scheduled = _scheduled(ready_patient, -3)
    outcome = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170)
    )
    assert (outcome.session.pk, outcome.session.status) == (scheduled.pk, SessionStatus.HELD)


def test_the_nearest_of_two_is_taken(ready_patient):
    _scheduled(ready_patient, -11)
    near = _scheduled(ready_patient, 1)
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.pk == near.pk


def test_outside_the_window_a_new_row_is_written(ready_patient):
    far = _scheduled(ready_patient, 13)
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.session.pk != far.pk
    far.refresh_from_db()
    assert far.status == SessionStatus.SCHEDULED
    assert outcome.session.scheduled_for is None
