"""The beat tick that schedules check-ins runs a constant number of queries whatever the number of patients, and
adds exactly what the per-patient services would."""

import pytest
from django.utils import timezone

from monitoring import services
from monitoring.models import SurveyAssignment
from tests.factories import PatientFactory
from tests.monitoring.survey_data import install_instruments


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
    services.surveys_schedule_all(now=now)
    by_tick = set(SurveyAssignment.objects.values_list("instrument__code", "slot", "due_at"))
    SurveyAssignment.objects.all().delete()
    services.surveys_assign_intake(patient=patient, now=now)
    services.surveys_schedule_due(patient=patient, now=now)
    assert set(SurveyAssignment.objects.values_list("instrument__code", "slot", "due_at")) == by_tick
