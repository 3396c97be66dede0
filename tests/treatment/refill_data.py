"""Refill helpers: supplies recorded through the dispense service, against the test plan (50 mg twice a week,
tests/treatment/plan_data.py) with 25 mg units — 2 units a session, 4 units a week; the default refill level of
2 sessions' worth is 4 units."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.treatment.supply_data import completed_session
from treatment import refills, services

STRENGTH = Decimal(25)


def dispense(physician, patient, units: int):
    # Yesterday in the patient's zone: a dose taken an hour ago is always taken from this supply.
    yesterday = timezone.now().astimezone(ZoneInfo(patient.time_zone)).date() - timedelta(days=1)
    return services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=yesterday,
        pharmacy="Main Street Pharmacy",
        units=units,
        strength_mg_per_unit=STRENGTH,
    )


def supply_of(physician, patient, plan, *, dispensed: int, taken_mg: str = "0"):
    """`dispensed` units, then one completed dose of `taken_mg` (none for "0"): on hand = dispensed - taken / 25."""
    outcome = dispense(physician, patient, dispensed)
    if Decimal(taken_mg):
        completed_session(patient, taken_mg, plan=plan)
    return outcome.dispense


def low_supply(physician, patient, plan):
    """3 units on hand (5 dispensed, 50 mg taken): below the 4-unit level; lasts 5.25 days, so not early."""
    return supply_of(physician, patient, plan, dispensed=5, taken_mg="50")


def ample_supply(physician, patient, plan):
    """20 units on hand: 35 days at 4 units a week, so a refill now is early (more than 7 days)."""
    return supply_of(physician, patient, plan, dispensed=20)


def requested(patient, note: str = ""):
    return refills.refill_request(actor=patient.user, patient=patient, note=note)
