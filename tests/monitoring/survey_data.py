"""Answers and events for the survey tests (CLINICAL.md section 1 item keys), on top of the cast."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from monitoring import services
from monitoring.models import Instrument, SurveyAssignment, SurveyReason
from treatment.models import SessionStatus, TreatmentSession


def phq9(*, q9: int = 0, each: int = 0) -> dict[str, int]:
    """PHQ-9 answers: q1-q8 all `each`, q9 as given."""
    return {**{f"q{n}": each for n in range(1, 9)}, "q9": q9}


def gad7(*, each: int = 0) -> dict[str, int]:
    return {f"q{n}": each for n in range(1, 8)}


def peg3(pain: int, enjoyment: int | None = None, activity: int | None = None) -> dict[str, int]:
    return {"pain": pain, "enjoyment": pain if enjoyment is None else enjoyment,
            "activity": pain if activity is None else activity}  # fmt: skip


def bladder(*, q1=0, q2=0, q3=0, q4=0, blood=0) -> dict[str, int]:
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4, "blood": blood}


def answer(patient, code: str, answers: dict, *, at: dt.datetime | None = None):
    """The patient answers `code` of their own accord (no assignment) at `at`."""
    return services.survey_response_submit(
        actor=patient.user, patient=patient, instrument_code=code, answers=answers, now=at or timezone.now()
    )


def assign(patient, code: str, *, due_at: dt.datetime | None = None, hours: int = 72, slot: str = "test"):
    """A due assignment of `code` for the patient, open from `due_at` for `hours`."""
    due_at = due_at or timezone.now() - dt.timedelta(minutes=1)
    return SurveyAssignment.objects.create(
        patient=patient,
        instrument=_instrument(code),
        reason=SurveyReason.SCHEDULE,
        slot=slot,
        due_at=due_at,
        expires_at=due_at + dt.timedelta(hours=hours),
    )


def completed_session(patient, *, taken_at: dt.datetime) -> TreatmentSession:
    """A completed session taken at `taken_at` (only its time matters to the survey rules)."""
    return TreatmentSession.objects.create(
        patient=patient,
        status=SessionStatus.COMPLETED,
        checked_at=taken_at - dt.timedelta(minutes=30),
        dose_mg=Decimal(50),
        taken_at=taken_at,
        completed_at=taken_at + dt.timedelta(hours=2),
    )


def install_instruments() -> None:
    """Copy the instrument definitions in again, as migration 0003 does: a transactional test's flush (the browser
    tests') empties the table the migration filled."""
    from monitoring import instruments

    for code in instruments.INSTRUMENT_CODES:
        data = instruments.definition(code)
        Instrument.objects.update_or_create(
            code=code, defaults={"name": data["name"], "version": data["version"], "definition": data}
        )


def _instrument(code: str) -> Instrument:
    """The Instrument row, copied from the definitions if a flush emptied the table (see install_instruments)."""
    install_instruments()
    return Instrument.objects.get(code=code)
