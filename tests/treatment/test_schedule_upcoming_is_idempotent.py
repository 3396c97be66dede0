"""Scheduling from the plan's days and time is idempotent: a second run adds nothing, and the database refuses two
live sessions of a patient at the same time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import SessionStatus, TreatmentSession

# Wednesday 2026-06-03 12:00 UTC. The plan: Mondays and Thursdays at 18:00; the patient is in America/Chicago.
NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)


def test_two_weeks_of_the_plans_days_at_its_time(patient, plan):
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 4
    local = [
        at.astimezone(ZoneInfo("America/Chicago"))
        for at in TreatmentSession.objects.filter(patient=patient)
        .order_by("scheduled_for")
        .values_list("scheduled_for", flat=True)
    ]
    assert [(at.date().isoformat(), at.hour, at.minute) for at in local] == [
        ("2026-06-04", 18, 0),
        ("2026-06-08", 18, 0),
        ("2026-06-11", 18, 0),
        ("2026-06-15", 18, 0),
    ]
    assert set(TreatmentSession.objects.values_list("status", flat=True)) == {SessionStatus.SCHEDULED}


def test_a_second_run_adds_nothing(patient, plan):
    services.session_schedule_upcoming(patient=patient, now=NOW)
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 0
    assert TreatmentSession.objects.count() == 4


def test_the_database_refuses_a_second_session_at_the_same_time(patient, plan):
    services.session_schedule_upcoming(patient=patient, now=NOW)
    first = TreatmentSession.objects.order_by("scheduled_for").first()
    with pytest.raises(IntegrityError):
        TreatmentSession.objects.create(patient=patient, scheduled_for=first.scheduled_for)


def test_a_paused_plan_cancels_the_future_and_resuming_schedules_it_again(physician, patient, plan):
    services.session_schedule_upcoming(patient=patient, now=NOW)
    services.plan_pause(actor=physician.user, plan=plan, reason="Holiday")
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 0
    assert set(TreatmentSession.objects.values_list("status", flat=True)) == {SessionStatus.CANCELLED}
    services.plan_resume(actor=physician.user, plan=plan, reason="Back")
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 4
    assert TreatmentSession.objects.filter(status=SessionStatus.SCHEDULED).count() == 4


def test_a_change_of_days_cancels_the_old_days(physician, patient, plan):
    services.session_schedule_upcoming(patient=patient, now=NOW)
    services.plan_revise(actor=physician.user, plan=plan, reason="Weekends suit better", session_weekdays=[5])
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 2
    scheduled = TreatmentSession.objects.filter(status=SessionStatus.SCHEDULED).values_list("scheduled_for", flat=True)
    assert {at.astimezone(ZoneInfo("America/Chicago")).weekday() for at in scheduled} == {5}
    assert TreatmentSession.objects.filter(status=SessionStatus.CANCELLED).count() == 4


def test_without_days_or_a_time_nothing_is_scheduled(physician, patient):
    services.plan_create(
        actor=physician.user, patient=patient, reason="Start", **(PLAN | {"session_weekdays": [], "session_time": None})
    )
    assert services.session_schedule_upcoming(patient=patient, now=NOW) == 0
