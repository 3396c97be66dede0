"""Inputs for the pure gate tests: a plan, a patient and a pre-dose check that pass every gate, changed per test.

Test data, not a dosing recommendation. The limits are the clinic defaults of CLINICAL.md section 2 (160/90,
heart rate 50-100, sitter required, 24 h no driving, 2 h fasting).
"""

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from treatment import gates

NEW_YORK = ZoneInfo("America/New_York")
# A Wednesday evening in the patient's zone.
NOW = datetime(2026, 5, 13, 18, 0, tzinfo=NEW_YORK)


def plan_limits(**changes) -> gates.PlanLimits:
    values = {
        "status": "active",
        "review_date": date(2027, 3, 1),
        "dose_mg": Decimal(50),
        "max_single_dose_mg": Decimal(100),
        "titration": (),
        "sessions_per_week": 2,
        "min_hours_between": 72,
        "systolic_limit": 160,
        "diastolic_limit": 90,
        "heart_rate_lower": 50,
        "heart_rate_upper": 100,
        "sitter_required": True,
        "no_driving_hours": 24,
        "fasting_hours": 2,
    }
    return gates.PlanLimits(**(values | changes))


def patient_state(**changes) -> gates.PatientState:
    values = {
        "is_active": True,
        "has_current_consent": True,
        "eligibility": "cleared",
        "has_open_safety_alert": False,
        "hold_on_open_safety_alert": True,
        "time_zone": "America/New_York",
        "last_dose_taken_at": None,
        "doses_taken_at": (),
        "doses_taken_under_plan": 0,
        "units_on_hand": Decimal(10),
        "strength_mg_per_unit": Decimal(50),
    }
    return gates.PatientState(**(values | changes))


def pre_dose_check(**changes) -> gates.PreDoseCheck:
    values = {
        "checked_at": NOW,
        "sitter_present": True,
        "sitter_name": "Sam Rivera",
        "sitter_phone": "+1 555 0101",
        "no_driving": True,
        "fasted": True,
        "no_alcohol_or_sedatives": True,
        "safe_setting": True,
        "systolic": 128,
        "diastolic": 82,
        "heart_rate": 72,
        "pain_now": 6,
    }
    return gates.PreDoseCheck(**(values | changes))


def with_last_dose(state: gates.PatientState, taken_at: datetime) -> gates.PatientState:
    return dataclasses.replace(state, last_dose_taken_at=taken_at, doses_taken_at=(taken_at,))


def run(*, plan=None, patient=None, check=None, now=NOW) -> gates.GateResult:
    """gates.evaluate with the passing inputs wherever a test gives none; the check is made at `now`."""
    return gates.evaluate(
        plan or plan_limits(), patient or patient_state(), check or pre_dose_check(checked_at=now), now=now
    )


HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
