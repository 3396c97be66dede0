"""A known history for the dashboard tests: Maya with every column filled, at NOW (40 days after her first dose).

Maya (outcome_data.FIRST is her first completed session):
- PEG-3 8 two days before the first dose (baseline), 5 on day 25 and 4 on day 30 (current): 50 % better; the week-4
  window (days 22-35) holds 5 and 4, mean 4.5: 43.75 % better, a moderate responder at week 4; NRS 3 on day 35.
- Sessions scheduled in the last 30 days (days 10-40): completed on days 12 and 15, missed on day 18, held on day 20
  (4 ended, 2 completed: 50 %); a cancelled one (day 25) and a future one (day 42) do not count.
- Awaiting review: the completed sessions of days 0, 3, 12 and 15 and the held one of day 20, less day 0's, signed
  off: 4. Her last session is the held one of day 20.
- Oxycodone 10 mg twice a day (30 MME) from before the first dose, changed to 5 mg twice a day (15 MME) on day 30:
  MME change -15.
- One open high dose-held alert.
"""

import datetime as dt
from decimal import Decimal

from monitoring import services as monitoring_services
from monitoring.models import AlertKind, OpioidMedicine, SessionReview, Severity
from tests.monitoring.outcome_data import FIRST, days, response, session
from treatment.models import SessionStatus, TreatmentSession

NOW = days(40)


def scheduled(patient, day, status):
    at = days(day)
    fields = {"patient": patient, "status": status, "scheduled_for": at}
    if status in (SessionStatus.COMPLETED, SessionStatus.HELD):
        fields |= {"checked_at": at, "pain_before": 6}
    if status == SessionStatus.COMPLETED:
        fields |= {"dose_mg": Decimal(50), "route": "sublingual", "taken_at": at, "pain_after": 3, "completed_at": at}
    if status == SessionStatus.HELD:
        fields |= {"gate_failures": [{"code": "systolic", "message": "Blood pressure above the plan's limit."}]}
    return TreatmentSession.objects.create(**fields)


def maya_history(patient, physician):
    first = session(patient, FIRST)
    session(patient, days(3))
    for day, status in [
        (12, SessionStatus.COMPLETED),
        (15, SessionStatus.COMPLETED),
        (18, SessionStatus.MISSED),
        (20, SessionStatus.HELD),
        (25, SessionStatus.CANCELLED),
        (42, SessionStatus.SCHEDULED),
    ]:
        scheduled(patient, day, status)
    SessionReview.objects.create(session=first, patient=patient, clinic=patient.clinic, reviewed_by=physician.user)
    response(patient, "peg3", 8, days(-2))
    response(patient, "peg3", 5, days(25))
    response(patient, "peg3", 4, days(30))
    response(patient, "nrs", 3, days(35))
    OpioidMedicine.objects.create(
        patient=patient,
        drug="oxycodone",
        mg_per_dose=Decimal(10),
        doses_per_day=2,
        daily_mme=Decimal(30),
        started_on=(FIRST - dt.timedelta(days=60)).date(),
        stopped_on=days(30).date(),
        recorded_by=physician.user,
    )
    OpioidMedicine.objects.create(
        patient=patient,
        drug="oxycodone",
        mg_per_dose=Decimal(5),
        doses_per_day=2,
        daily_mme=Decimal(15),
        started_on=days(30).date(),
        recorded_by=physician.user,
    )
    return monitoring_services.alert_raise(
        patient=patient,
        kind=AlertKind.DOSE_HELD,
        severity=Severity.HIGH,
        cause="session:900",
        summary="Session held before dosing: blood pressure above the plan's limit.",
    )
