"""The beat tick that schedules sessions (session_schedule_upcoming's rule for a batch of patients) adds and cancels
in a constant number of queries whatever the number of patients."""

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


def test_one_tick_moves_every_patients_sessions_when_their_plans_move(clinic, physician, patient, second_patient):
    # session_schedule_upcoming is this tick for one patient (tests/treatment/test_schedule_upcoming_is_idempotent.py
    # and the DST test hold the rule); here two patients in one batch.
    plans = [
        services.plan_create(actor=physician.user, patient=p, reason="Start", **PLAN) for p in (patient, second_patient)
    ]
    now = timezone.now()
    added = services.sessions_schedule_all(now=now, patient_ids=[patient.pk, second_patient.pk])

    def live(who):
        return TreatmentSession.objects.filter(patient=who).exclude(status=SessionStatus.CANCELLED)

    before = {who: set(live(who).values_list("scheduled_for", flat=True)) for who in (patient, second_patient)}
    assert all(before.values()) and added == sum(len(times) for times in before.values())
    for plan in plans:  # both plans move to 20:00
        services.plan_revise(actor=physician.user, plan=plan, reason="Evenings", session_time=time(20, 0))
    services.sessions_schedule_all(now=now, patient_ids=[patient.pk, second_patient.pk])
    for who in (patient, second_patient):
        cancelled = set(
            TreatmentSession.objects.filter(patient=who, status=SessionStatus.CANCELLED).values_list(
                "scheduled_for", flat=True
            )
        )
        assert cancelled == before[who]  # the old times are cancelled, never deleted
        zone = ZoneInfo(who.time_zone)
        assert live(who).exists() and all(s.scheduled_for.astimezone(zone).hour == 20 for s in live(who))
