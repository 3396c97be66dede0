"""Helpers for the reminder tests: scheduled sessions and the notification rows the producers queued."""

from monitoring.models import Notification
from treatment.models import SessionStatus, TreatmentSession


def scheduled_session(patient, at) -> TreatmentSession:
    return TreatmentSession.objects.create(patient=patient, status=SessionStatus.SCHEDULED, scheduled_for=at)


def queued(kind, **filters) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind, **filters).order_by("recipient_id", "channel", "pk"))


def channels(kind, **filters) -> set[tuple[int, str]]:
    return {(row.recipient_id, row.channel) for row in queued(kind, **filters)}
