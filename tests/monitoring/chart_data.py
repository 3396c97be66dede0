"""A patient's history for the chart tests: `count` days of every record type the chart shows, one day apart from
FIRST (tests/monitoring/outcome_data.py). Written through the services that write them in real life, at the day's
times (time_machine), except sessions and survey responses, written directly with explicit times as in
outcome_data (their services are tested elsewhere and judge times against the real clock).

Day n (from 0): a session at 10:00 UTC (every fourth one held before dosing for its blood pressure, the others
completed), a survey response at 12:00 (NRS, PEG-3, PHQ-9 and GAD-7 in turn), an adverse event reported at 13:00
(which raises its alert), an alert about the session at 14:00, a new plan version at 15:00 (from day 1: the dose
rises by 1 mg), a signed clinical note about the session at 16:00 and the session's sign-off at 17:00.
"""

import datetime as dt
from decimal import Decimal

import time_machine

from monitoring import notes, reviews
from monitoring import services as monitoring_services
from monitoring.models import AlertKind, Severity
from tests.monitoring.conftest import raise_alert
from tests.monitoring.outcome_data import FIRST, response
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import SessionStatus, TreatmentSession

INSTRUMENTS = (("nrs", 6, ""), ("peg3", "5.7", ""), ("phq9", 11, "moderate"), ("gad7", 7, "mild"))
HELD_MESSAGE = "Your blood pressure is 172/96. Your plan holds a dose when the upper number is above 160."


def day(n: int, hour: int = 10) -> dt.datetime:
    return FIRST + dt.timedelta(days=n, hours=hour - 10)


def session_on(patient, n: int) -> TreatmentSession:
    at = day(n)
    if n % 4 == 3:
        return TreatmentSession.objects.create(
            patient=patient,
            status=SessionStatus.HELD,
            checked_at=at,
            systolic=172,
            diastolic=96,
            heart_rate=80,
            pain_before=7,
            gate_failures=[{"code": "systolic", "message": HELD_MESSAGE}],
        )
    return TreatmentSession.objects.create(
        patient=patient,
        status=SessionStatus.COMPLETED,
        checked_at=at - dt.timedelta(minutes=15),
        systolic=128,
        diastolic=82,
        heart_rate=72,
        pain_before=7,
        dose_mg=Decimal(50),
        route="sublingual",
        taken_at=at,
        pain_after=3,
        completed_at=at + dt.timedelta(hours=2),
    )


def chart_history(patient, physician, *, count: int):
    """Before day 0's session: the plan (08:00 UTC), a dispense of 40 troches of 50 mg (09:00) and an opioid medicine
    started that day (oxycodone 10 mg three times a day: 45 MME/day)."""
    with time_machine.travel(day(0, 8), tick=False):
        plan = services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    with time_machine.travel(day(0, 9), tick=False):
        services.dispense_record(
            actor=physician.user,
            patient=patient,
            dispensed_on=day(0).date(),
            pharmacy="Main Street Pharmacy",
            units=40,
            strength_mg_per_unit=Decimal(50),
        )
        monitoring_services.opioid_medicine_add(
            actor=physician.user,
            patient=patient,
            drug="oxycodone",
            mg_per_dose=Decimal(10),
            doses_per_day=3,
            started_on=day(0).date(),
        )
    for n in range(count):
        session = session_on(patient, n)
        code, total, band = INSTRUMENTS[n % len(INSTRUMENTS)]
        response(patient, code, total, day(n, 12), band=band)
        with time_machine.travel(day(n, 13), tick=False):
            services.adverse_event_report(
                actor=patient.user,
                patient=patient,
                description=f"Dizzy on day {n}.",
                started_at=day(n, 12),
                severity="mild",
            )
        with time_machine.travel(day(n, 14), tick=False):
            raise_alert(patient, kind=AlertKind.DOSE_HELD, severity=Severity.HIGH, cause=f"session:{session.pk}")
        if n:
            with time_machine.travel(day(n, 15), tick=False):
                services.plan_revise(
                    actor=physician.user, plan=plan, reason=f"Titration step {n}", dose_mg=Decimal(50 + n)
                )
        with time_machine.travel(day(n, 16), tick=False):
            notes.clinical_note_write(
                actor=physician.user, patient=patient, text=f"Reviewed day {n}.", session=session, sign=True
            )
        with time_machine.travel(day(n, 17), tick=False):
            reviews.session_sign_off(actor=physician.user, session=session)
    return plan
