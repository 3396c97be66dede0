"""Titration: the dose of one session under a plan (CLINICAL.md section 2; PRODUCT.md, the physician's plan). Pure.

A plan has a dose per session and, optionally, titration steps: a dose from a session number (1 = the first dose
under the plan) or from a date (in the patient's time zone). The steps are kept in the physician's order; of those
that have begun, the last one gives the dose. The Today page, the schedule and treatment.gates share this rule.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError


@dataclass(frozen=True, kw_only=True)
class TitrationStep:
    """A dose that applies from a session number (1 = the plan's first dose) or from a date, never both."""

    dose_mg: Decimal
    from_session_number: int | None = None
    from_date: dt.date | None = None

    def __post_init__(self):
        if (self.from_session_number is None) == (self.from_date is None):
            raise ValidationError("A titration step starts either from a session number or from a date.")

    def has_begun(self, session_number: int, on_date: dt.date) -> bool:
        if self.from_session_number is not None:
            return session_number >= self.from_session_number
        return on_date >= self.from_date


def titration_from_json(steps: list[dict]) -> tuple[TitrationStep, ...]:
    """PlanVersion.titration ([{"dose_mg": "75", "from_session": 4}, {"dose_mg": "100", "from_date": "…"}])."""
    return tuple(
        TitrationStep(
            dose_mg=Decimal(str(step["dose_mg"])),
            from_session_number=step.get("from_session"),
            from_date=dt.date.fromisoformat(step["from_date"]) if step.get("from_date") else None,
        )
        for step in steps
    )


def dose_for_session(
    plan_dose: Decimal, steps: tuple[TitrationStep, ...], session_number: int, on_date: dt.date
) -> Decimal:
    """The planned dose of this session: the last step (in the plan's order) that has begun, else the plan's dose."""
    dose = plan_dose
    for step in steps:
        if step.has_begun(session_number, on_date):
            dose = step.dose_mg
    return dose
