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
from treatment.models import TreatmentSession


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
    # Issue 10: care between sessions.
    HELP_REQUESTED = "help_requested", "Help requested during a session"
    ELIGIBILITY_REVIEW = "eligibility_review", "Eligibility screen to review"
    MESSAGE_UNANSWERED = "message_unanswered", "Message awaiting a reply"
    REFILL_REQUESTED = "refill_requested", "Refill requested"


class Severity(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


# Higher is more urgent. Triage orders by it; a repeat may only raise it.
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}
SEVERITIES_MOST_URGENT_FIRST = tuple(sorted(Severity, key=SEVERITY_RANK.get, reverse=True))


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


# --- Instruments and surveys (CLINICAL.md section 1) -------------------------------------------------------------


class Instrument(models.Model):
    """A survey definition, copied from monitoring/instruments.py (the source of truth) by a data migration so that
    assignments and responses can point at it. Scoring never reads this table: it is a pure function of the code."""

    code = models.CharField(max_length=16, unique=True)  # nrs, peg3, phq9, gad7, pgic, bladder: a public contract
    name = models.CharField(max_length=120)
    version = models.CharField(max_length=16)
    definition = models.JSONField()  # items, options, scoring, bands, flags, source and licence, as in the module

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class SurveyReason(models.TextChoices):
    INTAKE = "intake", "Intake (baseline)"
    FOLLOW_UP = "follow_up", "Follow-up after a session"
    SCHEDULE = "schedule", "Regular check-in"


class AssignmentStatus(models.TextChoices):
    DUE = "due", "Due"
    COMPLETED = "completed", "Completed"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class SurveyAssignment(models.Model):
    """A survey a patient is asked to answer, due at a time and expiring later (in UTC; computed in their zone)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="survey_assignments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assignments")
    reason = models.CharField(max_length=16, choices=SurveyReason.choices)
    # Idempotency: the slot an assignment fills ("intake", "session:42", "every-7d:2026-12-01"); one per patient,
    # instrument and slot, so re-running a schedule never creates a second.
    slot = models.CharField(max_length=64)
    session_id = models.BigIntegerField(null=True, blank=True)  # the treatment session a follow-up is about
    due_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.DUE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["patient", "status", "due_at"], name="assignment_patient_status_due")]
        constraints = [
            models.UniqueConstraint(fields=["patient", "instrument", "slot"], name="assignment_one_per_slot"),
            models.CheckConstraint(condition=Q(expires_at__gt=F("due_at")), name="assignment_expires_after_due"),
            models.CheckConstraint(condition=Q(status__in=AssignmentStatus.values), name="assignment_status_known"),
            models.CheckConstraint(condition=Q(reason__in=SurveyReason.values), name="assignment_reason_known"),
        ]

    def __str__(self):
        return f"{self.instrument.code} for {self.patient} due {self.due_at:%Y-%m-%d %H:%M}"


class SurveyResponse(models.Model):
    """A patient's answers to one instrument, with the scores computed by monitoring.instruments.score at the time
    and the instrument version answered. Never edited: a correction is an addendum."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="survey_responses")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="responses")
    instrument_version = models.CharField(max_length=16)
    assignment = models.OneToOneField(
        SurveyAssignment, on_delete=models.PROTECT, null=True, blank=True, related_name="response"
    )
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField()  # item key -> int, exactly as scored
    total = models.DecimalField(max_digits=6, decimal_places=1)
    band = models.CharField(max_length=32, blank=True)
    flags = models.JSONField(default=list, blank=True)
    subscales = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["patient", "instrument", "-answered_at"], name="response_patient_instr_at")]

    def __str__(self):
        return f"{self.instrument.code} of {self.patient} at {self.answered_at:%Y-%m-%d}"


class SurveyResponseAddendum(models.Model):
    """A correction to a saved response, shown beside it; the original answers and scores stay as they were."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Addendum to {self.response}"


# --- Opioid medicines and MME (CLINICAL.md section 4) ------------------------------------------------------------


class OpioidDrug(models.TextChoices):
    # CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022: the drugs with an MME factor.
    CODEINE = "codeine", "Codeine"
    FENTANYL_TRANSDERMAL = "fentanyl_transdermal", "Fentanyl patch (mcg/h)"
    HYDROCODONE = "hydrocodone", "Hydrocodone"
    HYDROMORPHONE = "hydromorphone", "Hydromorphone"
    METHADONE = "methadone", "Methadone"
    MORPHINE = "morphine", "Morphine"
    OXYCODONE = "oxycodone", "Oxycodone"
    OXYMORPHONE = "oxymorphone", "Oxymorphone"
    TAPENTADOL = "tapentadol", "Tapentadol"
    TRAMADOL = "tramadol", "Tramadol"


class OpioidMedicine(models.Model):
    """One opioid a patient takes, from `started_on` until `stopped_on`. A change of dose stops this row and starts a
    new one, so the history of daily MME is the rows themselves."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="opioid_medicines")
    drug = models.CharField(max_length=24, choices=OpioidDrug.choices)
    mg_per_dose = models.DecimalField(max_digits=7, decimal_places=2)  # mcg/h for a fentanyl patch
    doses_per_day = models.PositiveSmallIntegerField()
    daily_mme = models.DecimalField(max_digits=8, decimal_places=2)  # monitoring.opioids.daily_mme at the time
    started_on = models.DateField()
    stopped_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(drug__in=OpioidDrug.values), name="opioid_drug_known"),
            models.CheckConstraint(condition=Q(mg_per_dose__gt=0), name="opioid_dose_positive"),
            models.CheckConstraint(condition=Q(doses_per_day__gte=1), name="opioid_doses_per_day_positive"),
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=F("started_on")),
                name="opioid_stop_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(drug="fentanyl_transdermal") | Q(doses_per_day=1), name="opioid_fentanyl_one_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.get_drug_display()} for {self.patient}"


# --- Notifications (the outbox) ------------------------------------------------------------------------------------


class NotificationChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"
    IN_APP = "in_app", "In Anodyne"


class NotificationKind(models.TextChoices):
    SESSION_REMINDER = "session_reminder", "Session reminder"
    SURVEY_DUE = "survey_due", "Check-in due"
    SURVEY_EXPIRING = "survey_expiring", "Check-in about to expire"
    SESSION_MISSED = "session_missed", "Missed session"
    ALERT_DIGEST = "alert_digest", "Daily digest of open alerts"
    ALERT_ESCALATION = "alert_escalation", "Escalation of an unacknowledged critical alert"
    MESSAGE = "message", "New message"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class Notification(models.Model):
    """One message to one person on one channel: the outbox row, written in the transaction that causes it.

    Sent exactly once by the dispatcher (monitoring.notifications): the unique idempotency key stops a second row
    for the same reminder; the status moves pending → sending → sent under SELECT ... FOR UPDATE SKIP LOCKED.
    The rendered text carries no health information (a test renders every kind with canary data).
    """

    # A person with an account, or (escalations to a clinic's on-call contact without one) only an email address.
    recipient = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications")
    address = models.EmailField(blank=True)
    channel = models.CharField(max_length=8, choices=NotificationChannel.choices)
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    # What it is about, as "session:42", "assignment:7", "alert:3", "digest:2026-11-25": for the link and the key.
    about = models.CharField(max_length=64)
    idempotency_key = models.CharField(max_length=160, unique=True)
    send_after = models.DateTimeField()
    # After this moment the message is pointless (a session reminder after the session's window): expired, not sent.
    expires_at = models.DateTimeField(null=True, blank=True)
    urgent = models.BooleanField(default=False)  # urgent messages ignore quiet hours
    status = models.CharField(max_length=12, choices=NotificationStatus.choices, default=NotificationStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # in-app notifications
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["send_after", "pk"]
        indexes = [
            models.Index(fields=["status", "send_after"], name="notification_due"),
            models.Index(fields=["recipient", "channel", "-created_at"], name="notification_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=NotificationChannel.values), name="notification_channel_known"
            ),
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_known"),
            models.CheckConstraint(condition=Q(status__in=NotificationStatus.values), name="notification_status_known"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="notification_sent_has_time"
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | (~Q(address="") & Q(channel="email")),
                name="notification_has_a_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient or self.address} by {self.get_channel_display()} ({self.status})"


# --- The physician's oversight records: clinical notes and session sign-off (PRODUCT.md, physician step 6) --------

# Long enough for a consultation note, short enough to read on one screen.
MAX_CLINICAL_NOTE = 10000


class ClinicalNote(models.Model):
    """A physician's note on a patient, optionally about one treatment session or one alert.

    Written as a draft that only its author sees and may change; once signed it is final — PostgreSQL refuses any
    change to a signed note and the deletion of any note (migration 0006) — and corrections are addenda, shown with
    the original. Written only by monitoring.notes (clinical_note_*).
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="clinical_notes")
    # Denormalised from patient.clinic for the tenancy filters; a composite foreign key keeps it equal (migration 0006).
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.PROTECT, null=True, blank=True, related_name="clinical_notes"
    )
    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, null=True, blank=True, related_name="clinical_notes")
    text = models.TextField(max_length=MAX_CLINICAL_NOTE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-created_at"], name="clinical_note_patient_at")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="clinical_note_text_given"),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | Q(signed_at__gte=F("created_at")),
                name="clinical_note_signed_after_written",
            ),
        ]

    def __str__(self):
        state = "signed" if self.is_signed else "draft"
        return f"Clinical note ({state}) on {self.patient} by {self.author}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class ClinicalNoteAddendum(models.Model):
    """A correction or addition to a signed clinical note, shown with it. Append-only (migration 0006)."""

    note = models.ForeignKey(ClinicalNote, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=MAX_CLINICAL_NOTE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="clinical_note_addendum_text_given")]

    def __str__(self):
        return f"Addendum to {self.note}"


class SessionReview(models.Model):
    """A physician's sign-off of one completed or held treatment session (PRODUCT.md, physician step 6).

    Its own record, because a completed session is never changed (treatment migration 0005); at most one per
    session, never changed or deleted (migration 0006). `bulk` tells a sign-off from the review queue's bulk action
    (only for unremarkable sessions) from one made on the session itself; `note` is the signed clinical note written
    with it, if any.
    """

    session = models.OneToOneField(TreatmentSession, on_delete=models.PROTECT, related_name="review")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="session_reviews")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)
    bulk = models.BooleanField(default=False)
    note = models.OneToOneField(
        ClinicalNote, on_delete=models.PROTECT, null=True, blank=True, related_name="session_review"
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-reviewed_at"], name="session_review_patient_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(bulk=False) | Q(note__isnull=True), name="session_review_bulk_has_no_note"
            ),
        ]

    def __str__(self):
        return f"Sign-off of session {self.session_id} by {self.reviewed_by}"


# --- Messages between a patient and their care team (issue 10) ---------------------------------------------------

MAX_MESSAGE = 5000


class MessageThread(models.Model):
    """A conversation between one patient and their care team, in text only. Never deleted (migration 0007)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="message_threads")
    # Denormalised from patient.clinic for the tenancy filters; a composite foreign key keeps it equal (migration 0007).
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=200)
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Kept by monitoring.messages with each message, for the inboxes' order and "awaiting a reply".
    last_message_at = models.DateTimeField(default=timezone.now)
    awaiting_care_team = models.BooleanField(default=True)  # the last message is the patient's

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["patient", "-last_message_at"], name="thread_patient_last"),
            models.Index(fields=["clinic", "awaiting_care_team", "last_message_at"], name="thread_awaiting"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(subject=""), name="thread_subject_given")]

    def __str__(self):
        return f"Thread {self.pk} of {self.patient}"


class Message(models.Model):
    """One message of a thread: a clinical record, never edited or deleted (PostgreSQL refuses, migration 0007)."""

    thread = models.ForeignKey(MessageThread, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=MAX_MESSAGE)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["thread", "sent_at"], name="message_thread_sent")]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="message_body_given")]

    def __str__(self):
        return f"Message {self.pk} in thread {self.thread_id}"


class MessageRead(models.Model):
    """Up to when one person has read a thread (unread = a message after it, by someone else)."""

    thread = models.ForeignKey(MessageThread, on_delete=models.PROTECT, related_name="reads")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="message_read_one_per_person")]

    def __str__(self):
        return f"{self.user} read thread {self.thread_id} up to {self.read_at:%Y-%m-%d %H:%M}"
