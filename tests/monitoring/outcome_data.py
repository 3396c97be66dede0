"""Rows for outcome and progress tests, written directly with explicit times (the services that write them are
tested elsewhere): completed sessions and survey responses of a patient."""

import datetime as dt
from decimal import Decimal

from monitoring import instruments
from monitoring.models import Instrument, SurveyResponse
from treatment.models import SessionStatus, TreatmentSession

# The first completed session of every outcome example: a dose taken at 10:00 UTC on 1 March 2026.
FIRST = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


def session(patient, taken_at, *, pain_before=6, pain_after=3, status=SessionStatus.COMPLETED):
    return TreatmentSession.objects.create(
        patient=patient,
        status=status,
        checked_at=taken_at - dt.timedelta(minutes=10),
        pain_before=pain_before,
        dose_mg=Decimal(50) if status == SessionStatus.COMPLETED else None,
        route="sublingual" if status == SessionStatus.COMPLETED else "",
        taken_at=taken_at if status == SessionStatus.COMPLETED else None,
        pain_after=pain_after if status == SessionStatus.COMPLETED else None,
        completed_at=taken_at if status == SessionStatus.COMPLETED else None,
    )


def instrument(code: str) -> Instrument:
    """The Instrument row; copied in again as migration 0003 does when a transactional test's flush emptied it."""
    found = Instrument.objects.filter(code=code).first()
    if found is None:
        data = instruments.definition(code)
        found = Instrument.objects.create(code=code, name=data["name"], version=data["version"], definition=data)
    return found


def response(patient, code, total, answered_at, *, band="", flags=()):
    instrument_row = instrument(code)
    return SurveyResponse.objects.create(
        patient=patient,
        instrument=instrument_row,
        instrument_version=instrument_row.version,
        answered_by=patient.user,
        answers={},
        total=Decimal(str(total)),
        band=band,
        flags=list(flags),
        answered_at=answered_at,
    )


def days(n, **more):
    return FIRST + dt.timedelta(days=n, **more)
