"""A regular check-in is due at 09:00 on its period's first day in the patient's own time zone and expires the
clinic's survey_expiry_hours (72 h) later; the slot names that local date. The clinic's period is used."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from monitoring import services
from tests.factories import PatientFactory

LA = ZoneInfo("America/Los_Angeles")
# 23:30 in Los Angeles on Sunday 1 March 2026 is already Monday 2 March in UTC: the patient's date is what counts.
JOINED = dt.datetime(2026, 3, 1, 23, 30, tzinfo=LA)


def _peg3_after(patient, now):
    added = services.surveys_schedule_due(patient=patient, now=now)
    return next(a for a in added if a.instrument.code == "peg3")


def test_peg3_is_due_at_nine_los_angeles_time(clinic, physician):
    with time_machine.travel(JOINED, tick=False):
        patient = PatientFactory(clinic=clinic, care_team=[physician], time_zone="America/Los_Angeles")

    peg3 = _peg3_after(patient, dt.datetime(2026, 3, 8, 6, 0, tzinfo=LA))

    assert peg3.slot == "every-7d:2026-03-08"
    assert peg3.due_at == dt.datetime(2026, 3, 8, 9, 0, tzinfo=LA)  # 16:00 UTC: daylight time began that morning
    assert peg3.due_at.astimezone(dt.UTC).hour == 16
    assert peg3.expires_at - peg3.due_at == dt.timedelta(hours=72)


def test_the_clinics_period_and_expiry_are_used(clinic, physician):
    clinic.peg3_every_days = 10
    clinic.survey_expiry_hours = 48
    clinic.save()
    with time_machine.travel(JOINED, tick=False):
        patient = PatientFactory(clinic=clinic, care_team=[physician], time_zone="America/Los_Angeles")

    assert all(
        a.instrument.code != "peg3"
        for a in services.surveys_schedule_due(patient=patient, now=dt.datetime(2026, 3, 8, 12, 0, tzinfo=LA))
    )
    peg3 = _peg3_after(patient, dt.datetime(2026, 3, 11, 12, 0, tzinfo=LA))
    assert peg3.slot == "every-10d:2026-03-11"
    assert peg3.expires_at - peg3.due_at == dt.timedelta(hours=48)


def test_pgic_counts_from_the_first_completed_session(clinic, physician):
    from tests.monitoring.survey_data import completed_session

    with time_machine.travel(JOINED, tick=False):
        patient = PatientFactory(clinic=clinic, care_team=[physician], time_zone="America/Los_Angeles")
    completed_session(patient, taken_at=dt.datetime(2026, 3, 5, 18, 0, tzinfo=LA))

    codes = {
        a.instrument.code: a
        for a in services.surveys_schedule_due(patient=patient, now=dt.datetime(2026, 4, 2, 10, 0, tzinfo=LA))
    }
    assert codes["pgic"].slot == "every-28d:2026-04-02"
    assert codes["pgic"].due_at == dt.datetime(2026, 4, 2, 9, 0, tzinfo=LA)
