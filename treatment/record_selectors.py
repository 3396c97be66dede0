"""Reads of the clinical records that are never changed (adverse events, completed sessions) and their addenda.

The caller has already read the patient through accounts.selectors.patient_get (which audits the access and
decides who may see them); everything here is scoped to that patient, so a record of anyone else is a 404.
Query counts do not grow with rows: records come with their authors, and addenda are one prefetch.
"""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Patient
from treatment.models import Addendum, AdverseEvent, AdverseEventSeverity, SafetyHold, SessionStatus, TreatmentSession

SESSIONS_TO_LINK = 20


def _addenda() -> Prefetch:
    return Prefetch("addenda", queryset=Addendum.objects.select_related("author").order_by("created_at", "pk"))


def adverse_events_for(*, patient: Patient) -> QuerySet:
    """The patient's adverse events, newest report first, each with who reported it, its session and its addenda."""
    return (
        AdverseEvent.objects.filter(patient=patient)
        .select_related("reported_by", "session")
        .prefetch_related(_addenda())
        .order_by("-reported_at", "-pk")
    )


def adverse_event_get(*, patient: Patient, pk: int) -> AdverseEvent:
    return get_object_or_404(adverse_events_for(patient=patient), pk=pk)


def session_get(*, patient: Patient, pk: int) -> TreatmentSession:
    """One of the patient's sessions with its side effects and addenda."""
    return get_object_or_404(
        TreatmentSession.objects.filter(patient=patient)
        .select_related("plan_version")
        .prefetch_related("side_effects", _addenda()),
        pk=pk,
    )


def sessions_to_link(*, patient: Patient) -> list[TreatmentSession]:
    """The patient's recent sessions that an adverse event may be linked to (any that got as far as a check)."""
    return list(
        TreatmentSession.objects.filter(patient=patient, checked_at__isnull=False)
        .exclude(status__in=[SessionStatus.SCHEDULED, SessionStatus.CANCELLED])
        .order_by("-checked_at", "-pk")[:SESSIONS_TO_LINK]
    )


def adverse_event_urgency(adverse_event: AdverseEvent) -> str:
    """What the patient is told to do first after reporting it, by its severity: "emergency" (life-threatening: call
    the emergency number now), "urgent" (severe: medical care today), "routine" (mild or moderate: the care team is
    told and will be in touch). The reported page and the API both show it."""
    if adverse_event.severity == AdverseEventSeverity.LIFE_THREATENING:
        return "emergency"
    if adverse_event.severity == AdverseEventSeverity.SEVERE:
        return "urgent"
    return "routine"


def adverse_event_holds_doses(adverse_event: AdverseEvent) -> bool:
    """Whether this adverse event put a hold on every dose (a critical safety alert, CLINICAL.md section 2 gate
    "no open safety alert") that the clinic applies."""
    return (
        adverse_event.patient.clinic.hold_on_open_safety_alert
        and SafetyHold.objects.filter(
            patient_id=adverse_event.patient_id, cause=f"adverse_event:{adverse_event.pk}", cleared_at__isnull=True
        ).exists()
    )
