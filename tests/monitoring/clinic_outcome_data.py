"""Rows for the clinic outcomes tests, written directly with explicit times (the services that write them are
tested elsewhere): scheduled sessions, alerts with their acknowledgement, opioid medicines."""

import datetime as dt
from decimal import Decimal

from monitoring.models import SEVERITY_RANK, Alert, AlertKind, AlertStatus, OpioidMedicine
from treatment.models import SessionStatus, TreatmentSession

# "Now" of every clinic outcomes example.
NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def ago(**delta) -> dt.datetime:
    return NOW - dt.timedelta(**delta)


def scheduled_session(patient, scheduled_for, status):
    """A session planned for `scheduled_for` that ended (or not yet) with `status`."""
    completed = status == SessionStatus.COMPLETED
    return TreatmentSession.objects.create(
        patient=patient,
        status=status,
        scheduled_for=scheduled_for,
        dose_mg=Decimal(50) if completed else None,
        route="sublingual" if completed else "",
        taken_at=scheduled_for if completed else None,
        completed_at=scheduled_for if completed else None,
    )


def alert(patient, severity, *, raised, acknowledged_after=None, by=None, resolved=False, cause=None):
    """An alert first raised at `raised`, acknowledged `acknowledged_after` later by `by` (or still open)."""
    acknowledged_at = None if acknowledged_after is None else raised + acknowledged_after
    status = AlertStatus.OPEN
    if acknowledged_at is not None:
        status = AlertStatus.RESOLVED if resolved else AlertStatus.ACKNOWLEDGED
    return Alert.objects.create(
        patient=patient,
        clinic_id=patient.clinic_id,
        kind=AlertKind.DOSE_HELD,
        severity=severity,
        severity_rank=SEVERITY_RANK[severity],
        cause=cause or f"session:{raised.timestamp():.0f}-{severity}",
        status=status,
        summary="Session held before dosing.",
        first_raised_at=raised,
        last_raised_at=raised,
        acknowledged_at=acknowledged_at,
        acknowledged_by=by.user if acknowledged_at else None,
        resolved_at=acknowledged_at if resolved else None,
        resolved_by=by.user if resolved else None,
        resolution_note="Called the patient." if resolved else "",
    )


def opioid(patient, daily_mme, started_on, stopped_on=None, *, recorded_by=None):
    """A morphine row of `daily_mme` (morphine's factor is 1: mg per day = MME per day)."""
    return OpioidMedicine.objects.create(
        patient=patient,
        drug="morphine",
        mg_per_dose=Decimal(daily_mme),
        doses_per_day=1,
        daily_mme=Decimal(daily_mme),
        started_on=started_on,
        stopped_on=stopped_on,
        recorded_by=recorded_by or patient.user,
    )
