"""The beat tasks take no arguments and are safe to run twice: the second run schedules, marks and alerts nothing."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.conf import settings

from accounts.models import AuditEvent
from monitoring.models import Alert
from treatment import tasks
from treatment.models import SessionStatus, TreatmentSession

START = datetime(2026, 6, 3, 12, tzinfo=UTC)


def _state():
    return (
        sorted(TreatmentSession.objects.values_list("pk", "status", "scheduled_for")),
        AuditEvent.objects.count(),
        list(Alert.objects.values_list("pk", "occurrences")),
    )


def test_scheduling_twice(patient, second_patient, plan):
    with time_machine.travel(START, tick=False):
        assert tasks.schedule_upcoming_sessions() == 4  # Maya's plan; James has none
        before = _state()
        assert tasks.schedule_upcoming_sessions() == 0
        assert _state() == before


def test_marking_twice_after_two_missed_sessions(patient, plan):
    with time_machine.travel(START, tick=False):
        tasks.schedule_upcoming_sessions()
    with time_machine.travel(START + timedelta(days=6), tick=False):  # Thursday and Monday have passed
        assert tasks.mark_missed_and_incomplete_sessions() == {"missed": 2, "incomplete": 0, "missed_alerts": 1}
        before = _state()
        assert tasks.mark_missed_and_incomplete_sessions() == {"missed": 0, "incomplete": 0, "missed_alerts": 0}
        assert _state() == before
    assert TreatmentSession.objects.filter(status=SessionStatus.MISSED).count() == 2


def test_both_tasks_are_on_the_beat_schedule():
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "treatment.tasks.schedule_upcoming_sessions",
        "treatment.tasks.mark_missed_and_incomplete_sessions",
    } <= tasks_scheduled
