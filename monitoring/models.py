"""Monitoring: the oversight side — alerts now; instruments, surveys, outcomes and MME follow (issue 5).

An alert tells a patient's care team that something needs a physician's attention (PRODUCT.md, "Alerts the platform
raises"). One alert stays open per patient, kind and cause: a repeat updates it (occurrences, last raised, a higher
severity) rather than piling up, and the database refuses a second one. Every change is an AlertEvent row, so the
whole history is kept; neither is ever deleted (PostgreSQL refuses it, migration 0001).
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Clinic, Patient, User


class AlertKind(models.TextChoices):
    # PRODUCT.md, "Alerts the platform raises"; the rules are in CLINICAL.md sections 2 and 3.
    ADVERSE_EVENT = "adverse_event", "Adverse event"
    SUICIDALITY = "suicidality", "Suicidality"
    DOSE_HELD = "dose_held", "Dose held"
    BLOOD_PRESSURE = "blood_pressure", "Blood pressure"
    DOSE_ABOVE_PLAN = "dose_above_plan", "Dose above plan"
    DISPENSE_MISMATCH = "dispense_mismatch", "Dispense mismatch"
    WORSENING_PAIN = "worsening_pain", "Worsening pain"
    MOOD_WORSENING = "mood_worsening", "Mood worsening"
    BLADDER_SYMPTOMS = "bladder_symptoms", "Bladder symptoms"
    MISSED_SESSIONS = "missed_sessions", "Missed sessions"
    SURVEY_OVERDUE = "survey_overdue", "Survey overdue"


class Severity(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


# Higher is more urgent. Triage orders by it; a repeat may only raise it.
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


# Still needing a physician: at most one such alert per patient, kind and cause.
UNRESOLVED = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)


class Alert(models.Model):
    """Something about one patient that their care team must see, acknowledge and resolve with a note.

    Written only by monitoring.services (alert_raise, alert_acknowledge, alert_resolve).
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="alerts")
    # Denormalised from patient.clinic so that tenancy filters are one indexed column; a composite foreign key
    # (migration 0001, PostgreSQL) makes it equal to the patient's clinic.
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=AlertKind.choices)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    # Higher is more urgent (SEVERITY_RANK), for ordering and the triage index; written with `severity` by
    # monitoring.services and tied to it by a check constraint. (Not a GeneratedField: its system check needs a database
    # connection on PostgreSQL, and `manage.py check --deploy` must run without one.)
    severity_rank = models.PositiveSmallIntegerField()
    # A short stable key naming what caused the alert ("session:42", "adverse_event:7", "instrument:phq9"):
    # with the patient and the kind, the deduplication key.
    cause = models.CharField(max_length=80)
    status = models.CharField(max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    # Plain words for the care team, with no more health detail than they need. Shown only inside Anodyne: never in
    # an email, SMS or audit row.
    summary = models.CharField(max_length=300)
    first_raised_at = models.DateTimeField(default=timezone.now)
    last_raised_at = models.DateTimeField(default=timezone.now)
    occurrences = models.PositiveIntegerField(default=1)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolution_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-severity_rank", "first_raised_at", "pk"]
        indexes = [
            models.Index(fields=["clinic", "status", "-severity_rank", "first_raised_at"], name="alert_triage"),
            models.Index(fields=["patient", "status"], name="alert_patient_status"),
        ]
        constraints = [
            # PRODUCT.md: "One open alert per patient, kind and cause: repeats update it rather than pile up."
            models.UniqueConstraint(
                fields=["patient", "kind", "cause"],
                condition=~Q(status=AlertStatus.RESOLVED),
                name="alert_one_unresolved_per_cause",
            ),
            models.CheckConstraint(condition=Q(kind__in=AlertKind.values), name="alert_kind_known"),
            models.CheckConstraint(
                condition=Q(
                    *(Q(severity=severity, severity_rank=rank) for severity, rank in SEVERITY_RANK.items()),
                    _connector=Q.OR,
                ),
                name="alert_severity_known_with_its_rank",
            ),
            models.CheckConstraint(condition=Q(status__in=AlertStatus.values), name="alert_status_known"),
            models.CheckConstraint(condition=~Q(cause=""), name="alert_cause_given"),
            models.CheckConstraint(condition=Q(occurrences__gte=1), name="alert_occurs_at_least_once"),
            models.CheckConstraint(
                condition=Q(first_raised_at__lte=F("last_raised_at")), name="alert_first_raised_before_last"
            ),
            # Who acknowledged and who resolved, in step with the status. A resolved alert was acknowledged too
            # (resolving an open alert stamps both), and its resolver wrote a note.
            models.CheckConstraint(
                condition=(
                    Q(
                        status=AlertStatus.OPEN,
                        acknowledged_at__isnull=True,
                        acknowledged_by__isnull=True,
                        resolved_at__isnull=True,
                        resolved_by__isnull=True,
                        resolution_note="",
                    )
                    | Q(
                        status=AlertStatus.ACKNOWLEDGED,
                        acknowledged_at__isnull=False,
                        acknowledged_by__isnull=False,
                        resolved_at__isnull=True,
                        resolved_by__isnull=True,
                        resolution_note="",
                    )
                    | Q(
                        status=AlertStatus.RESOLVED,
                        acknowledged_at__isnull=False,
                        acknowledged_by__isnull=False,
                        resolved_at__isnull=False,
                        resolved_by__isnull=False,
                        resolution_note__regex=r"\S",
                    )
                ),
                name="alert_status_matches_stamps",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True)
                | Q(resolved_at__isnull=True)
                | Q(acknowledged_at__lte=F("resolved_at")),
                name="alert_acknowledged_before_resolved",
            ),
        ]

    def __str__(self):
        return f"{self.get_severity_display()} {self.get_kind_display().lower()} alert for {self.patient}"


class AlertEventWhat(models.TextChoices):
    RAISED = "raised", "Raised"
    REPEATED = "repeated", "Raised again"
    SEVERITY_RAISED = "severity_raised", "Raised again at a higher severity"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class AlertEvent(models.Model):
    """One step in an alert's history. Append-only: PostgreSQL refuses UPDATE and DELETE (migration 0001)."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    # None: the system raised it (a rule fired); otherwise the physician who acted.
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    what = models.CharField(max_length=16, choices=AlertEventWhat.choices)
    # The alert's severity after this step.
    severity = models.CharField(max_length=8, choices=Severity.choices)
    # The summary as raised, or the physician's resolution note.
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(what__in=AlertEventWhat.values), name="alert_event_what_known"),
            models.CheckConstraint(condition=Q(severity__in=Severity.values), name="alert_event_severity_known"),
            models.CheckConstraint(
                condition=Q(
                    what__in=[AlertEventWhat.RAISED, AlertEventWhat.REPEATED, AlertEventWhat.SEVERITY_RAISED],
                    actor__isnull=True,
                )
                | Q(what__in=[AlertEventWhat.ACKNOWLEDGED, AlertEventWhat.RESOLVED], actor__isnull=False),
                name="alert_event_actor_is_a_person_iff_acted",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_what_display()}"
