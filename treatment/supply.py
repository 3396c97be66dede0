"""Schedule III reconciliation: expected units on hand, count mismatches and early refills (CLINICAL.md section 2,
"Dispensing"). Pure arithmetic on Decimals: no database. treatment.selectors and treatment.services feed it rows.

Decisions (each proved by a test in tests/treatment/test_supply_*.py):
- Expected units on hand = units dispensed - Σ(dose taken / strength per unit), over every dispense and every
  completed session's dose.
- Strengths may differ between dispenses (a 50 mg troche, then a 100 mg one). A dose is divided by the strength of
  the most recent dispense on or before the day it was taken (in the patient's zone): that is the supply the
  patient was taking from. A dose taken before the first recorded dispense is not counted: it came from a supply
  Anodyne was never told about (the same reason the supply gate passes when nothing was dispensed).
  Units on hand are then units of mixed strengths; the supply gate and the early-refill rule value them at the
  strength of the latest dispense, the units the patient now takes.
- A count mismatches when |reported - expected| > 1 unit: exactly 1 unit off matches, 1.01 does not.
- A dispense is an early refill when the units on hand just before it would last more than 7 days at the plan's
  dose and sessions per week: units per day = dose / strength x sessions per week / 7. Exactly 7 days is not early.
  The plan's dose is its current version's dose per session (titration steps are not looked ahead).
  Compared without dividing (units x strength > dose x sessions per week), so no rounding decides a boundary.
  A refill request (issue 10) is judged early by the same rule, at the moment it is asked for.
- "Request a refill" is offered when the units on hand fall below the plan's refill level (refill_at_sessions
  sessions' worth, default 2): units x strength < dose x sessions; exactly at the level is not below it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

# CLINICAL.md section 2, "Dispensing": a count differing from the expectation by more than 1 unit; a refill while
# the supply would still last more than 7 days.
COUNT_TOLERANCE_UNITS = Decimal(1)
EARLY_REFILL_DAYS = 7
# SupplyCount.expected_units keeps two decimal places.
CENTI = Decimal("0.01")


@dataclass(frozen=True)
class DispenseRow:
    dispensed_on: dt.date
    units: int
    strength_mg_per_unit: Decimal


@dataclass(frozen=True)
class DoseRow:
    taken_on: dt.date  # the day the dose was taken, in the patient's time zone
    dose_mg: Decimal


@dataclass(frozen=True)
class Supply:
    units_dispensed: int
    units_taken: Decimal  # exact (not rounded)
    strength_mg_per_unit: Decimal  # of the latest dispense

    @property
    def expected_units(self) -> Decimal:
        """Exact expected units on hand (may be negative when more was logged than dispensed)."""
        return Decimal(self.units_dispensed) - self.units_taken

    @property
    def expected_units_rounded(self) -> Decimal:
        return self.expected_units.quantize(CENTI)


def _latest_first(dispenses) -> list[DispenseRow]:
    # Same day: the later row in the input wins (rows come in the order they were recorded).
    indexed = list(enumerate(dispenses))
    indexed.sort(key=lambda pair: (pair[1].dispensed_on, pair[0]), reverse=True)
    return [row for _, row in indexed]


def strength_on(dispenses, day: dt.date) -> Decimal | None:
    """The strength of the most recent dispense on or before `day`; None before the first dispense."""
    for row in _latest_first(dispenses):
        if row.dispensed_on <= day:
            return Decimal(row.strength_mg_per_unit)
    return None


def on_hand(dispenses, doses) -> Supply | None:
    """Expected supply after every dispense and dose given; None when nothing was ever dispensed."""
    dispenses = list(dispenses)
    if not dispenses:
        return None
    for row in dispenses:
        if row.units < 1 or Decimal(row.strength_mg_per_unit) <= 0:
            raise ValueError("A dispense has at least 1 unit and a strength above 0 mg.")
    latest_first = _latest_first(dispenses)
    taken = Decimal(0)
    for dose in doses:
        strength = next(
            (Decimal(row.strength_mg_per_unit) for row in latest_first if row.dispensed_on <= dose.taken_on), None
        )
        if strength is not None:
            taken += Decimal(dose.dose_mg) / strength
    return Supply(
        units_dispensed=sum(row.units for row in dispenses),
        units_taken=taken,
        strength_mg_per_unit=Decimal(latest_first[0].strength_mg_per_unit),
    )


def count_mismatches(*, expected_units: Decimal, reported_units: Decimal) -> bool:
    """A count is off when it differs from the expectation by more than 1 unit."""
    return abs(Decimal(reported_units) - Decimal(expected_units)) > COUNT_TOLERANCE_UNITS


def units_per_day(*, dose_mg: Decimal, strength_mg_per_unit: Decimal, sessions_per_week: int) -> Decimal:
    return Decimal(dose_mg) / Decimal(strength_mg_per_unit) * sessions_per_week / 7


def days_of_supply(
    *, units_on_hand: Decimal, dose_mg: Decimal, strength_mg_per_unit: Decimal, sessions_per_week: int
) -> Decimal:
    """How many days the units on hand last at the plan's dose and sessions per week (0 when none are left)."""
    per_day = units_per_day(
        dose_mg=dose_mg, strength_mg_per_unit=strength_mg_per_unit, sessions_per_week=sessions_per_week
    )
    return max(Decimal(units_on_hand), Decimal(0)) / per_day


def is_early_refill(
    *, units_on_hand: Decimal, dose_mg: Decimal, strength_mg_per_unit: Decimal, sessions_per_week: int
) -> bool:
    """More than 7 days of supply still on hand when a new dispense is recorded.

    days = units x strength x 7 / (dose x sessions per week) > 7  <=>  units x strength > dose x sessions per week.
    """
    if dose_mg <= 0 or sessions_per_week < 1:
        raise ValueError("The plan's dose and sessions per week must be positive.")
    return Decimal(units_on_hand) * Decimal(strength_mg_per_unit) * 7 > (
        Decimal(dose_mg) * sessions_per_week * EARLY_REFILL_DAYS
    )


def below_refill_level(
    *, units_on_hand: Decimal, dose_mg: Decimal, strength_mg_per_unit: Decimal, refill_at_sessions: int
) -> bool:
    """Issue 10: "Request a refill" is offered when the units on hand fall below the plan's refill level, that many
    sessions' worth: units < dose / strength x sessions. Exactly at the level is not below it. Compared without
    dividing (units x strength < dose x sessions), so no rounding decides the boundary."""
    if dose_mg <= 0 or refill_at_sessions < 1:
        raise ValueError("The plan's dose and refill level must be positive.")
    return Decimal(units_on_hand) * Decimal(strength_mg_per_unit) < Decimal(dose_mg) * refill_at_sessions


def days_to_show(days: Decimal) -> Decimal:
    """Days of supply as the care team reads them: to one decimal, rounded down (a supply is never made to look
    longer than it is). Shown as 12 or 12.5 (the template filter floatformat:"-1", or plain_number)."""
    return Decimal(days).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
