"""Dispensing helpers: a completed session with a given dose, written directly (the dose path is tested elsewhere)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from treatment.models import SessionStatus, TreatmentSession


def completed_session(patient, dose_mg, *, taken_at=None, plan=None, scheduled_for=None):
    taken_at = taken_at or timezone.now() - timedelta(hours=1)
    return TreatmentSession.objects.create(
        patient=patient,
        plan=plan,
        scheduled_for=scheduled_for,
        status=SessionStatus.COMPLETED,
        checked_at=taken_at - timedelta(minutes=30),
        dose_mg=Decimal(str(dose_mg)),
        route="sublingual",
        taken_at=taken_at,
        completed_at=taken_at,
    )
