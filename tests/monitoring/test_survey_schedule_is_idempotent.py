"""Creating assignments is idempotent: running the intake, the schedule and the beat task again — the same minute or
later in the same period — never adds a second assignment for the same patient, instrument and slot."""

import datetime as dt

import time_machine

from monitoring import services, tasks
from monitoring.models import SurveyAssignment

START = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)


def _rows(patient):
    return sorted(SurveyAssignment.objects.filter(patient=patient).values_list("instrument__code", "slot", "due_at"))


def test_intake_and_schedule_run_twice_make_the_same_rows(clinic, physician):
    from tests.factories import PatientFactory

    with time_machine.travel(START, tick=False):
        patient = PatientFactory(clinic=clinic, care_team=[physician], time_zone="America/Chicago")
        first = services.surveys_assign_intake(patient=patient, now=START)
        assert services.surveys_assign_intake(patient=patient, now=START) == []
    assert sorted(a.instrument.code for a in first) == ["bladder", "gad7", "nrs", "peg3", "phq9"]

    later = START + dt.timedelta(days=14, hours=1)  # day 14: the second peg3 week, the first phq9/gad7 fortnight
    added = services.surveys_schedule_due(patient=patient, now=later)
    assert sorted(a.instrument.code for a in added) == ["gad7", "peg3", "phq9"]
    rows = _rows(patient)
    assert services.surveys_schedule_due(patient=patient, now=later) == []
    assert services.surveys_schedule_due(patient=patient, now=later + dt.timedelta(hours=5)) == []
    assert _rows(patient) == rows


def test_the_beat_task_run_twice_adds_nothing_more(patient):
    with time_machine.travel(START, tick=False):
        assert tasks.schedule_surveys() == 5  # the intake battery
        rows = _rows(patient)
        assert tasks.schedule_surveys() == 0
    assert _rows(patient) == rows
