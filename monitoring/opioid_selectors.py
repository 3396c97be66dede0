"""Reads about a patient's opioid medicines and their daily MME (CLINICAL.md section 4). One query each, whatever
the length of the history. Read only after accounts.selectors.patient_get (which audits the access).

A medicine counts from its `started_on` up to the day before its `stopped_on`: a change stops the old row and starts
the new one on the same day, so that day counts the new dose only.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import Patient
from monitoring import opioids
from monitoring.models import OpioidMedicine

# CLINICAL.md section 4: the guideline's caution, shown next to every MME figure.
MME_CAUTION = opioids.MME_CAUTION


@dataclass(frozen=True)
class MmePoint:
    """From `on`, the patient's total daily MME was `total` (until the next point)."""

    on: dt.date
    total: Decimal


def patient_today(patient: Patient) -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(patient.time_zone))


def active_on(day) -> Q:
    """The rows that count on `day` (a date, or an expression for a query of many patients): started_on ≤ day <
    stopped_on, an open row counting until it is stopped. The one statement of the module's rule."""
    return Q(started_on__lte=day) & (Q(stopped_on__isnull=True) | Q(stopped_on__gt=day))


def mme_on(points: list["MmePoint"], day: dt.date) -> Decimal:
    """Pure: the total daily MME on `day` from the change points of `mme_history` (0 before the first)."""
    return next((point.total for point in reversed(points) if point.on <= day), Decimal("0.00"))


def medicines_current(*, patient: Patient, on: dt.date | None = None) -> QuerySet:
    """The opioids the patient takes on a day (today in their zone by default), by drug."""
    on = on or patient_today(patient)
    return (
        OpioidMedicine.objects.filter(active_on(on), patient=patient)
        .select_related("recorded_by")
        .order_by("drug", "started_on", "pk")
    )


def medicines_history(*, patient: Patient) -> QuerySet:
    """Every row, newest first: what was taken, from when to when, who recorded it."""
    return OpioidMedicine.objects.filter(patient=patient).select_related("recorded_by").order_by("-started_on", "-pk")


def mme_now(*, patient: Patient, on: dt.date | None = None) -> Decimal:
    """The patient's total daily MME today (or on a day): one aggregate query; 0 when they take no opioid."""
    on = on or patient_today(patient)
    total = OpioidMedicine.objects.filter(active_on(on), patient=patient).aggregate(total=Sum("daily_mme"))["total"]
    return total if total is not None else Decimal("0.00")


def mme_history(*, patient: Patient) -> list[MmePoint]:
    """The change points of the patient's total daily MME, oldest first: one point on each day the total changed
    (a start, a stop, a change of dose), computed from the rows in one query. Empty when none was ever recorded."""
    rows = OpioidMedicine.objects.filter(patient=patient).values_list("started_on", "stopped_on", "daily_mme")
    return mme_change_points(rows)


def mme_change_points(rows) -> list[MmePoint]:
    """Pure: (started_on, stopped_on or None, daily_mme) rows → change points of the running total."""
    deltas: dict[dt.date, Decimal] = {}
    for started_on, stopped_on, daily_mme in rows:
        deltas[started_on] = deltas.get(started_on, Decimal(0)) + daily_mme
        if stopped_on is not None:
            deltas[stopped_on] = deltas.get(stopped_on, Decimal(0)) - daily_mme
    points: list[MmePoint] = []
    total = Decimal("0.00")
    for day in sorted(deltas):
        total += deltas[day]
        if points and points[-1].total == total:
            continue  # a stop and a start of the same amount on one day: no change
        points.append(MmePoint(on=day, total=total))
    return points
