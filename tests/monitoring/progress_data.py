"""A patient's history for the progress tests: `weeks` of sessions, pain check-ins, PEG-3, PHQ-9, GAD-7 and opioid
changes, with times relative to FIRST (tests/monitoring/outcome_data.py)."""

import datetime as dt
from decimal import Decimal

from monitoring import services
from tests.monitoring.outcome_data import days, response, session


def history(patient, *, weeks: int):
    response(patient, "peg3", "8.0", days(-1))
    response(patient, "nrs", 8, days(-1))
    response(patient, "phq9", 12, days(-1), band="moderate")
    response(patient, "gad7", 9, days(-1), band="mild")
    medicine = services.opioid_medicine_add(
        actor=patient.user,
        patient=patient,
        drug="oxycodone",
        mg_per_dose=Decimal(20),
        doses_per_day=3,
        started_on=days(-30).date(),
    )  # fmt: skip  90 MME
    for week in range(weeks):
        session(patient, days(7 * week), pain_before=max(8 - week, 2))
        response(patient, "nrs", max(7 - week, 1), days(7 * week + 1))
        response(patient, "peg3", str(max(Decimal("7.5") - week, 1)), days(7 * week + 3))
        if week % 2:
            response(patient, "phq9", max(12 - week, 2), days(7 * week + 2), band="mild")
            response(patient, "gad7", max(9 - week, 1), days(7 * week + 2), band="mild")
        if week in (2, 5):
            medicine = services.opioid_medicine_change(
                actor=patient.user, medicine=medicine, mg_per_dose=medicine.mg_per_dose / 2, doses_per_day=3,
                changed_on=days(7 * week).date(),
            )  # fmt: skip
    return patient


def at(day: int) -> dt.datetime:
    return days(day)
