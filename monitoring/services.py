"""Writes about alerts. Each service is one transaction and raises DomainError in plain words.

`alert_raise` is the one way any rule (a treatment event, a survey answer, a schedule) tells the care team; it is a
system action with no actor, recorded in the alert's own history (the person's action that set it off — a session
logged, a survey answered — is audited by the service that recorded it). `alert_acknowledge` and `alert_resolve` are
a care-team physician's, each audited inside its transaction.
"""

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, Patient, Role, User
from anodyne.errors import DomainError
from monitoring.models import (
    SEVERITY_RANK,
    UNRESOLVED,
    Alert,
    AlertEvent,
    AlertEventWhat,
    AlertKind,
    AlertStatus,
    Severity,
)
from treatment import services as treatment_services

# CLINICAL.md section 2, gate "no open safety alert": an open critical alert for an adverse event or suicidality
# holds every dose until a physician resolves it. The gate lives in treatment; these alerts open and clear its hold.
SAFETY_KINDS = frozenset({AlertKind.ADVERSE_EVENT, AlertKind.SUICIDALITY})

MAX_CAUSE = Alert._meta.get_field("cause").max_length
MAX_SUMMARY = Alert._meta.get_field("summary").max_length
MAX_NOTE = Alert._meta.get_field("resolution_note").max_length


@transaction.atomic
def alert_raise(*, patient: Patient, kind: str, severity: str, cause: str, summary: str) -> Alert:
    """Raise an alert for a patient's care team, or update the one already open for the same patient, kind and cause.

    A repeat counts one more occurrence, takes the new summary and time, and may only raise the severity (a lower one
    is ignored); an acknowledged alert raised again at a higher severity is open again, for a physician to see anew.
    Race-safe: the unresolved alert is locked while it is updated, and when two callers both find none, the database
    lets one insert and the other updates that row (the partial unique constraint, caught in a savepoint).
    A critical adverse-event or suicidality alert also holds every dose until it is resolved (treatment's gate).
    """
    kind, severity = AlertKind(kind), Severity(severity)
    cause, summary = cause.strip(), " ".join(summary.split())
    if not cause or len(cause) > MAX_CAUSE:
        raise ValueError(f"An alert's cause is a short key of 1 to {MAX_CAUSE} characters, not {cause!r}.")
    if not summary:
        raise ValueError("An alert needs a summary for the care team.")
    summary = summary[:MAX_SUMMARY]

    alert = _lock_unresolved(patient=patient, kind=kind, cause=cause)
    if alert is None:
        now = timezone.now()
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
                alert = Alert.objects.create(
                    patient=patient,
                    clinic_id=patient.clinic_id,
                    kind=kind,
                    severity=severity,
                    severity_rank=SEVERITY_RANK[severity],
                    cause=cause,
                    summary=summary,
                    first_raised_at=now,
                    last_raised_at=now,
                )
        except IntegrityError:
            # Another transaction raised the same alert and committed first: update that one.
            alert = _lock_unresolved(patient=patient, kind=kind, cause=cause)
            if alert is None:
                raise
        else:
            _history(alert, AlertEventWhat.RAISED, note=summary, at=now)
            _hold_dosing_if_unsafe(alert)
            return alert
    alert = _repeat(alert, severity=severity, summary=summary)
    _hold_dosing_if_unsafe(alert)
    return alert


def _hold_dosing_if_unsafe(alert: Alert) -> None:
    if alert.kind in SAFETY_KINDS and alert.severity == Severity.CRITICAL:
        treatment_services.safety_hold_open(patient=alert.patient, cause=alert.cause)


def _lock_unresolved(*, patient: Patient, kind: str, cause: str) -> Alert | None:
    return (
        Alert.objects.select_for_update().filter(patient=patient, kind=kind, cause=cause, status__in=UNRESOLVED).first()
    )


def _repeat(alert: Alert, *, severity: Severity, summary: str) -> Alert:
    """The locked unresolved alert raised again."""
    now = max(timezone.now(), alert.last_raised_at)
    higher = SEVERITY_RANK[severity] > SEVERITY_RANK[Severity(alert.severity)]
    alert.last_raised_at = now
    alert.occurrences += 1
    alert.summary = summary
    fields = ["last_raised_at", "occurrences", "summary"]
    if higher:
        alert.severity, alert.severity_rank = severity, SEVERITY_RANK[severity]
        fields += ["severity", "severity_rank"]
        if alert.status == AlertStatus.ACKNOWLEDGED:
            # Acknowledged at a lower severity is not acknowledged at this one: it needs a physician again.
            alert.status = AlertStatus.OPEN
            alert.acknowledged_at = alert.acknowledged_by = None
            fields += ["status", "acknowledged_at", "acknowledged_by"]
    alert.save(update_fields=fields)
    _history(alert, AlertEventWhat.SEVERITY_RAISED if higher else AlertEventWhat.REPEATED, note=summary, at=now)
    return alert


@transaction.atomic
def alert_acknowledge(*, actor: User, alert: Alert) -> Alert:
    """A physician of the patient's care team has seen the alert and is on it."""
    _require_care_team_physician(actor, alert, doing="acknowledge")
    now = timezone.now()
    changed = Alert.objects.filter(pk=alert.pk, status=AlertStatus.OPEN).update(
        status=AlertStatus.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by=actor
    )
    if changed != 1:
        raise DomainError(_not_open_message(alert.pk, doing="acknowledge"), code="not_open")
    alert.refresh_from_db()
    _history(alert, AlertEventWhat.ACKNOWLEDGED, actor=actor, at=now)
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="alert",
        object_id=alert.pk,
        patient=alert.patient,
        detail="acknowledged",
    )
    return alert


@transaction.atomic
def alert_resolve(*, actor: User, alert: Alert, note: str) -> Alert:
    """A physician of the patient's care team closes the alert with a note saying what was done.

    An open alert may be resolved directly: it is then acknowledged at the same moment by the same physician.
    Resolving a safety alert (adverse event, suicidality) lifts the hold it put on dosing.
    """
    _require_care_team_physician(actor, alert, doing="resolve")
    note = (note or "").strip()
    if not note:
        raise DomainError("Write a note saying how the alert was resolved.", code="note_required")
    if len(note) > MAX_NOTE:
        raise DomainError(f"Keep the note to {MAX_NOTE} characters (it has {len(note)}).", code="note_too_long")
    now = timezone.now()
    changed = Alert.objects.filter(pk=alert.pk, status__in=UNRESOLVED).update(
        status=AlertStatus.RESOLVED,
        resolved_at=now,
        resolved_by=actor,
        resolution_note=note,
        acknowledged_at=Coalesce("acknowledged_at", Value(now)),
        acknowledged_by_id=Coalesce("acknowledged_by_id", Value(actor.pk), output_field=BigIntegerField()),
    )
    if changed != 1:
        raise DomainError(_not_open_message(alert.pk, doing="resolve"), code="not_open")
    alert.refresh_from_db()
    _history(alert, AlertEventWhat.RESOLVED, actor=actor, note=note, at=now)
    if alert.kind in SAFETY_KINDS:
        treatment_services.safety_hold_clear(patient=alert.patient, cause=alert.cause)
    # The note is health information: it stays on the alert, never in the audit row.
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="alert",
        object_id=alert.pk,
        patient=alert.patient,
        detail="resolved",
    )
    return alert


def _require_care_team_physician(actor: User, alert: Alert, *, doing: str) -> None:
    """Only a physician on the patient's care team acts on an alert; anyone who may not see the patient is told
    there is no such alert (a 404 on the pages), never that it exists."""
    may_see = actor.is_authenticated and Patient.objects.visible_to(actor).filter(pk=alert.patient_id).exists()
    if not may_see:
        raise DomainError("No such alert.", code="not_found")
    if actor.role == Role.CLINIC_ADMIN:
        raise DomainError(
            f"Clinic admins cannot {doing} clinical alerts: a physician on the patient's care team does.",
            code="forbidden",
        )
    if actor.role != Role.PHYSICIAN:
        raise DomainError(f"Only a physician on the patient's care team can {doing} an alert.", code="forbidden")


def _not_open_message(pk: int, *, doing: str) -> str:
    current = Alert.objects.filter(pk=pk).values_list("status", flat=True).first()
    if current == AlertStatus.RESOLVED:
        return "This alert is already resolved."
    if current == AlertStatus.ACKNOWLEDGED and doing == "acknowledge":
        return "This alert is already acknowledged."
    return f"This alert cannot be {doing}d now."


def _history(alert: Alert, what: AlertEventWhat, *, at, actor: User | None = None, note: str = "") -> AlertEvent:
    return AlertEvent.objects.create(alert=alert, at=at, actor=actor, what=what, severity=alert.severity, note=note)
