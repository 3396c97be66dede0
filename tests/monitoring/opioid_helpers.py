"""Opioid medicine helpers on top of the cast (tests/conftest.py)."""

import datetime as dt
from decimal import Decimal

from monitoring import services

DAY = dt.date(2026, 1, 5)


def add(actor, patient, *, drug="oxycodone", mg="10", doses=2, on=DAY):
    return services.opioid_medicine_add(
        actor=actor, patient=patient, drug=drug, mg_per_dose=Decimal(mg), doses_per_day=doses, started_on=on
    )
