"""Reads about alerts that pages, API views and tasks share. Query counts do not grow with rows."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, AuditOutcome, Patient, Role, User
from monitoring import outcomes
from monitoring.models import (
    Alert,
    AlertEvent,
    AlertStatus,
    AssignmentStatus,
    SurveyAssignment,
    SurveyResponse,
)
from treatment.models import SessionStatus, TreatmentSession

# Alerts are for the care team and the clinic: a patient is told what to do by the page that raised the alert
# (a held session, a crisis screen), never shown the alert itself.
ALERT_READERS = (Role.PHYSICIAN, Role.CLINIC_ADMIN)

# PRODUCT.md, physician step 2: "open alerts first, by severity then age".
_STATUS_ORDER = Case(
    When(status=AlertStatus.OPEN, then=Value(0)),
    When(status=AlertStatus.ACKNOWLEDGED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def alerts_for(*, user: User, status: str | Iterable[str] | None = None) -> QuerySet:
    """The alerts of the patients this person may see (Patient.objects.visible_to), in triage order: open first, then
    acknowledged, then resolved; within each, the most severe first, then the oldest first.

    `status`: one status, several, or None for all. Not audited: see `alert_page` and `alert_get`.
    """
    if not user.is_authenticated or user.role not in ALERT_READERS:
        return Alert.objects.none()
    alerts = Alert.objects.filter(clinic_id=user.clinic_id, patient__in=Patient.objects.visible_to(user))
    if isinstance(status, str):
        alerts = alerts.filter(status=status)
    elif status is not None:
        alerts = alerts.filter(status__in=list(status))
    return (
        alerts.select_related("patient__user", "acknowledged_by", "resolved_by")
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "-severity_rank", "first_raised_at", "pk")
    )


def alert_page(*, user: User, resolved: bool = False, page_number=None, page_size: int = 50) -> Page:
    """One page of a physician's alerts: the unresolved ones in triage order, or (resolved=True) the resolved ones,
    most recently resolved first. Each patient shown is an audited access to their record."""
    if resolved:
        alerts = alerts_for(user=user, status=AlertStatus.RESOLVED).order_by("-resolved_at", "-pk")
    else:
        alerts = alerts_for(user=user, status=(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED))
    page = Paginator(alerts, page_size).get_page(page_number)
    patients = {alert.patient_id: alert.patient for alert in page.object_list}
    audit.patients_listed(actor=user, patients=patients.values())
    return page


def alert_get(*, user: User, pk: int) -> Alert:
    """One alert of a patient this person may see, audited; anyone else gets a 404 (audited as denied), never a hint
    that the alert exists."""
    alert = alerts_for(user=user).filter(pk=pk).first()
    if alert is None:
        audit.record(AuditAction.VIEW, actor=user, object_type="alert", object_id=pk, outcome=AuditOutcome.DENIED)
        raise Http404("No such alert.")
    audit.record(AuditAction.VIEW, actor=user, object_type="alert", object_id=alert.pk, patient=alert.patient)
    return alert


def alert_history(*, alert: Alert) -> QuerySet:
    """Every step of an alert, oldest first. Read only after `alert_get`."""
    return AlertEvent.objects.filter(alert=alert).select_related("actor").order_by("at", "pk")


# --- Surveys (CLINICAL.md sections 1 and 3) -------------------------------------------------------------------------

# CLINICAL.md section 3, "Baseline": the responses in the 7 days before the first completed session.
BASELINE_WINDOW = dt.timedelta(days=7)
RECENTLY_COMPLETED = dt.timedelta(days=14)


def _first_completed_session(patient) -> QuerySet:
    """The patient's completed sessions, the first dose first, each with `dosed_at` (taken, else completed)."""
    return (
        TreatmentSession.objects.filter(patient=patient, status=SessionStatus.COMPLETED)
        .annotate(dosed_at=Coalesce("taken_at", "completed_at"))
        .order_by("dosed_at", "pk")
    )


def first_completed_session_at(*, patient: Patient) -> dt.datetime | None:
    """When the patient took their first dose (the first completed session), or None. One query."""
    return _first_completed_session(patient).values_list("dosed_at", flat=True).first()


def first_completed_session_at_expression() -> Subquery:
    """`first_completed_session_at` of the outer patient (OuterRef "pk"), for a read of many patients in one
    query (the survey-scheduling tick)."""
    return Subquery(_first_completed_session(OuterRef("pk")).values("dosed_at")[:1])


def survey_baseline(*, patient: Patient, code: str) -> Decimal | None:
    """CLINICAL.md section 3's baseline of an instrument for one patient; the rule itself lives in
    monitoring.outcomes (one place for the alert rules and the outcome figures alike)."""
    return outcomes.baseline_of(patient, code)


def survey_previous_response(*, response: SurveyResponse) -> SurveyResponse | None:
    """The same patient's response to the same instrument just before this one."""
    return (
        SurveyResponse.objects.filter(patient_id=response.patient_id, instrument_id=response.instrument_id)
        .filter(Q(answered_at__lt=response.answered_at) | Q(answered_at=response.answered_at, pk__lt=response.pk))
        .order_by("-answered_at", "-pk")
        .first()
    )


def surveys_due(*, patient: Patient, now: dt.datetime | None = None) -> QuerySet:
    """The surveys a patient can answer now: due, past their due time and not yet expired, the oldest first."""
    now = now or timezone.now()
    return (
        SurveyAssignment.objects.filter(
            patient=patient, status=AssignmentStatus.DUE, due_at__lte=now, expires_at__gt=now
        )
        .select_related("instrument")
        .order_by("due_at", "pk")
    )


def surveys_recently_completed(*, patient: Patient, now: dt.datetime | None = None) -> QuerySet:
    """The patient's responses of the last 14 days, newest first, with their instrument and addenda."""
    now = now or timezone.now()
    return (
        SurveyResponse.objects.filter(patient=patient, answered_at__gte=now - RECENTLY_COMPLETED)
        .select_related("instrument")
        .order_by("-answered_at", "-pk")
    )


def survey_assignment_get_own(*, user: User, pk: int) -> SurveyAssignment:
    """One of the signed-in patient's own survey assignments, with its patient, clinic, instrument and response (if
    answered), audited as a read of their record. Anyone else's, or none, is a 404 audited as denied."""
    assignment = (
        SurveyAssignment.objects.filter(pk=pk, patient__user=user)
        .select_related("patient__user", "patient__clinic", "instrument", "response")
        .first()
    )
    if assignment is None:
        audit.record(
            AuditAction.VIEW, actor=user, object_type="survey_assignment", object_id=pk, outcome=AuditOutcome.DENIED
        )
        raise Http404("No such check-in.")
    audit.record(
        AuditAction.VIEW,
        actor=user,
        object_type="survey_assignment",
        object_id=assignment.pk,
        patient=assignment.patient,
    )
    return assignment
