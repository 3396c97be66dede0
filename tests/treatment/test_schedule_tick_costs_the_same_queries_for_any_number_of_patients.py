"""The beat tick that schedules sessions adds and cancels what session_schedule_upcoming would, in a constant number
of queries whatever the number of patients."""

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import PatientFactory
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import SessionStatus, TreatmentSession
from treatment.tasks import schedule_upcoming_sessions


@pytest.mark.parametrize("count", [2, 25])
def test_a_tick_costs_the_same_queries_for_few_or_many_patients(clinic, physician, django_assert_num_queries, count):
    for patient in PatientFactory.create_batch(count, clinic=clinic, care_team=[physician]):
        services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    # ids of the patients to look at; patients, plans, future sessions; savepoint, insert, audit batch (chain lock,
    # last hash, insert); release. (Nothing to cancel: the update is skipped.)
    with django_assert_num_queries(10):
        assert schedule_upcoming_sessions() > 0
    # Nothing to add or cancel: ids, patients, plans, future sessions, savepoint, release.
    with django_assert_num_queries(6):
        assert schedule_upcoming_sessions() == 0  # idempotent


def test_the_tick_adds_and_cancels_what_the_per_patient_service_does(clinic, physician, patient, second_patient):
    # Two patients with the same plan and time zone: one scheduled by the tick, one by the per-patient service.
    plans = [
        services.plan_create(actor=physician.user, patient=p, reason="Start", **PLAN) for p in (patient, second_patient)
    ]
    now = timezone.now()
    services.sessions_schedule_all(now=now, patient_ids=[patient.pk])
    services.session_schedule_upcoming(patient=second_patient, now=now)

    def times(who, **filters):
        return set(TreatmentSession.objects.filter(patient=who, **filters).values_list("scheduled_for", "status"))

    assert times(patient) == times(second_patient) != set()
    # Both plans move to 20:00: the old times are cancelled and the new added, the same way.
    for plan in plans:
        services.plan_revise(actor=physician.user, plan=plan, reason="Evenings", session_time=time(20, 0))
    services.sessions_schedule_all(now=now, patient_ids=[patient.pk])
    services.session_schedule_upcoming(patient=second_patient, now=now)
    assert times(patient) == times(second_patient)
    live = TreatmentSession.objects.filter(patient=patient).exclude(status=SessionStatus.CANCELLED)
    assert live.exists() and all(s.scheduled_for.astimezone(ZoneInfo(patient.time_zone)).hour == 20 for s in live)
