"""A scheduled session not started within 12 hours of its time is missed; a session in progress whose dose was not
logged within 24 hours of its check is incomplete. Only rows still in the old state move."""

from datetime import UTC, datetime, timedelta

from treatment import services
from treatment.models import SessionStatus, TreatmentSession

AT = datetime(2026, 6, 4, 23, tzinfo=UTC)


def _scheduled(patient, at=AT):
    return TreatmentSession.objects.create(patient=patient, status=SessionStatus.SCHEDULED, scheduled_for=at)


def test_a_scheduled_session_is_missed_only_once_its_window_passed(patient):
    session = _scheduled(patient)
    assert services.session_mark_missed_and_incomplete(now=AT + timedelta(hours=12)).missed == 0
    assert services.session_mark_missed_and_incomplete(now=AT + timedelta(hours=12, seconds=1)).missed == 1
    session.refresh_from_db()
    assert session.status == SessionStatus.MISSED


def test_a_session_in_progress_for_more_than_a_day_is_incomplete(patient):
    session = TreatmentSession.objects.create(patient=patient, status=SessionStatus.IN_PROGRESS, checked_at=AT)
    assert services.session_mark_missed_and_incomplete(now=AT + timedelta(hours=24)).incomplete == 0
    result = services.session_mark_missed_and_incomplete(now=AT + timedelta(hours=24, seconds=1))
    assert (result.missed, result.incomplete) == (0, 1)
    session.refresh_from_db()
    assert session.status == SessionStatus.INCOMPLETE


def test_other_states_are_left_alone_and_a_second_run_changes_nothing(patient):
    _scheduled(patient)
    TreatmentSession.objects.create(
        patient=patient, status=SessionStatus.HELD, scheduled_for=AT - timedelta(days=3), checked_at=AT
    )
    later = AT + timedelta(days=2)
    first = services.session_mark_missed_and_incomplete(now=later)
    second = services.session_mark_missed_and_incomplete(now=later)
    assert (first.missed, second.missed, second.incomplete) == (1, 0, 0)
    assert TreatmentSession.objects.filter(status=SessionStatus.HELD).count() == 1
