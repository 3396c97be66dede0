"""A patient's history for the "My data" tests: sessions written as rows at explicit moments (the services that write
them in real life are tested in tests/treatment), addenda and survey responses through their services.

Times are fixed in January (US Central standard time, UTC-6), so the expected local times are exact strings.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import time_machine

from monitoring import services as monitoring_services
from tests.monitoring.survey_data import answer, install_instruments
from treatment import services as treatment_services
from treatment.models import Addendum, SessionSideEffect, SessionStatus, TreatmentSession

# Monday 12 January 2026, 15:00 UTC = 09:00 in America/Chicago (the cast's patients' zone, CST, UTC-6).
START = dt.datetime(2026, 1, 12, 15, 0, tzinfo=dt.UTC)

HELD_REASONS = [
    {"code": "systolic", "message": "Your blood pressure is 172/96. Your plan holds a dose when the upper number is "
     "above 160. Do not take a dose now."},
    {"code": "diastolic", "message": "Your blood pressure is 172/96. Your plan holds a dose when the lower number is "
     "above 90. Do not take a dose now."},
]  # fmt: skip


def at(hours: float) -> dt.datetime:
    return START + dt.timedelta(hours=hours)


def held(patient, *, checked_at: dt.datetime) -> TreatmentSession:
    """A session held before dosing: the blood pressure was over both of the plan's limits, measured twice."""
    return TreatmentSession.objects.create(
        patient=patient,
        status=SessionStatus.HELD,
        scheduled_for=checked_at - dt.timedelta(minutes=30),
        checked_at=checked_at,
        sitter_present=True,
        sitter_name="Sam Patel",
        no_driving=True,
        fasted=True,
        no_alcohol_or_sedatives=True,
        safe_setting=True,
        systolic=178,
        diastolic=99,
        heart_rate=90,
        remeasured_systolic=172,
        remeasured_diastolic=96,
        remeasured_heart_rate=88,
        pain_before=7,
        session_number=1,
        planned_dose_mg=Decimal(50),
        gate_failures=HELD_REASONS,
    )


def completed(patient, *, taken_at: dt.datetime, notes: str = "Felt calm afterwards.", **fields) -> TreatmentSession:
    """A completed session: checked, dosed, nausea (mild) and headache (moderate), blood pressure after the dose."""
    values = {
        "patient": patient,
        "status": SessionStatus.COMPLETED,
        "checked_at": taken_at - dt.timedelta(minutes=10),
        "sitter_present": True,
        "sitter_name": "Sam Patel",
        "no_driving": True,
        "fasted": True,
        "no_alcohol_or_sedatives": True,
        "safe_setting": True,
        "systolic": 128,
        "diastolic": 82,
        "heart_rate": 72,
        "pain_before": 6,
        "session_number": 1,
        "planned_dose_mg": Decimal(50),
        "dose_mg": Decimal("62.5"),
        "route": "sublingual",
        "taken_at": taken_at,
        "dissociation": 4,
        "pain_after": 3,
        "post_systolic": 134,
        "post_diastolic": 85,
        "post_heart_rate": 76,
        "completed_at": taken_at + dt.timedelta(hours=2),
        "notes": notes,
        **fields,
    }
    session = TreatmentSession.objects.create(**values)
    SessionSideEffect.objects.bulk_create(
        [
            # Written headache first: the file lists them in CLINICAL.md's order, nausea first.
            SessionSideEffect(session=session, effect="headache", severity="moderate"),
            SessionSideEffect(session=session, effect="nausea", severity="mild"),
        ]
    )
    return session


def session_addendum(session, *, by, at: dt.datetime, reason: str, text: str) -> Addendum:
    with time_machine.travel(at, tick=False):
        return treatment_services.addendum_add(actor=by, record=session, reason=reason, text=text)


def response(patient, code: str, answers: dict, *, answered_at: dt.datetime):
    install_instruments()
    return answer(patient, code, answers, at=answered_at)


def response_addendum(response, *, by, at: dt.datetime, reason: str, text: str):
    with time_machine.travel(at, tick=False):
        return monitoring_services.survey_response_amend(actor=by, response=response, reason=reason, text=text)


def table(response) -> tuple[list[str], list[dict[str, str]]]:
    """The downloaded CSV: its header and its rows as dicts by column name. Consumes the streamed response."""
    text = b"".join(response.streaming_content).decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))
