"""The beat tick that schedules check-ins runs a constant number of queries whatever the number of patients, and
adds exactly what the per-patient services would."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Patient
from monitoring import services
from monitoring.models import SurveyAssignment
from tests.factories import PatientFactory
from tests.monitoring.survey_data import completed_session, install_instruments


@pytest.mark.parametrize("count", [3, 40])
def test_a_tick_costs_the_same_queries_for_few_or_many_patients(clinic, physician, django_assert_num_queries, count):
    install_instruments()
    PatientFactory.create_batch(count, clinic=clinic, care_team=[physician])
    now = timezone.now()
    # instruments, patients with their first dose, existing slots, savepoint, insert, audit batch (chain lock, last
    # hash, insert), release.
    with django_assert_num_queries(9):
        added = services.surveys_schedule_all(now=now)
    assert added == SurveyAssignment.objects.count() > 0
    # The second tick finds everything in place: instruments, patients, existing slots.
    with django_assert_num_queries(5):
        assert services.surveys_schedule_all(now=now) == 0


def test_the_tick_adds_what_the_per_patient_services_add(clinic, physician, patient):
    install_instruments()
    now = timezone.now()
    # Maya joined 40 days ago and took her first dose 30 days ago: her regular check-ins are due, and the PGIC,
    # anchored on that first dose (CLINICAL.md section 1), has begun its second period. A second patient, new today,
    # has only the intake battery.
    Patient.objects.filter(pk=patient.pk).update(created_at=now - dt.timedelta(days=40))
    patient.refresh_from_db()
    completed_session(patient, taken_at=now - dt.timedelta(days=20))
    completed_session(patient, taken_at=now - dt.timedelta(days=30))
    newcomer = PatientFactory(clinic=clinic, care_team=[physician])
    fields = ("patient_id", "instrument__code", "slot", "due_at")

    services.surveys_schedule_all(now=now)
    by_tick = set(SurveyAssignment.objects.values_list(*fields))
    assert {code for _, code, _, _ in by_tick} >= {"peg3", "phq9", "gad7", "bladder", "pgic"}
    SurveyAssignment.objects.all().delete()
    for someone in (patient, newcomer):
        services.surveys_assign_intake(patient=someone, now=now)
        services.surveys_schedule_due(patient=someone, now=now)
    assert set(SurveyAssignment.objects.values_list(*fields)) == by_tick
