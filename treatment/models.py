"""Treatment: consent to at-home treatment, versioned treatment plans (and, later, sessions, gates and dispensing).

Consent is versioned per clinic: each publication is a new numbered version, never an edit, and a patient signs a
version by typing their full name. The latest version is the clinic's current consent; publishing one asks every
patient to sign again (treatment.middleware.ConsentRequiredMiddleware).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Clinic, Patient, User


class ConsentVersion(models.Model):
    """One published text of a clinic's consent. Append-only: PostgreSQL refuses UPDATE and DELETE (migration)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="consent_versions")
    # 1, 2, 3 … per clinic, computed by treatment.services.consent_publish under a lock on the clinic row.
    version = models.PositiveIntegerField()
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["clinic", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "version"], name="consent_version_unique_per_clinic"),
            models.CheckConstraint(condition=Q(version__gte=1), name="consent_version_from_one"),
        ]

    def __str__(self):
        return f"{self.clinic} consent, version {self.version}"


class ConsentSignature(models.Model):
    """A patient's signature of one consent version. Never updated or deleted (PostgreSQL refuses both)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="consent_signatures")
    consent_version = models.ForeignKey(ConsentVersion, on_delete=models.PROTECT, related_name="signatures")
    # Exactly what the patient typed; it matched their full name when they signed.
    typed_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "consent_version"], name="consent_signed_once_per_version"),
        ]

    def __str__(self):
        return f"{self.patient} signed {self.consent_version}"


class Route(models.TextChoices):
    # SNOMED CT route codes (CLINICAL.md section 2): sublingual 37839007, buccal 54471007, oral 26643006,
    # intranasal (nasal) 46713006. Troche and rapid-dissolve tablet are forms taken by these routes.
    SUBLINGUAL = "sublingual", "Sublingual (troche or rapid-dissolve tablet under the tongue)"
    BUCCAL = "buccal", "Buccal (troche against the cheek)"
    INTRANASAL = "intranasal", "Intranasal (nasal spray)"
    ORAL = "oral", "Oral (swallowed)"


SNOMED_ROUTE_CODES = {
    Route.SUBLINGUAL: "37839007",
    Route.BUCCAL: "54471007",
    Route.ORAL: "26643006",
    Route.INTRANASAL: "46713006",
}


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"


class TreatmentPlan(models.Model):
    """A patient's ketamine plan. What it says lives in its versions; this row names the current one.

    At most one active plan per patient (a partial unique constraint). Only a physician on the patient's care team
    changes it, always through treatment.services, which writes a new PlanVersion with a reason.
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="treatment_plans")
    # Denormalised from the current version, so that "one active plan" is a database rule.
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    current_version = models.OneToOneField(
        "PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"], condition=Q(status="active"), name="treatment_plan_one_active_per_patient"
            ),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="treatment_plan_status_known"),
        ]

    def __str__(self):
        return f"Treatment plan of {self.patient}"


class PlanVersion(models.Model):
    """One version of a plan: every field, who wrote it and why. Never changed once written."""

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(max_length=16, choices=PlanStatus.choices)

    # Ketamine, racemic (RxNorm ingredient 6130, CLINICAL.md section 5) is the only medication Anodyne oversees.
    route = models.CharField(max_length=16, choices=Route.choices)
    # CLINICAL.md section 2: dose per session 1-1000 mg (a plausibility range against typing errors, not a dosing
    # recommendation); maximum single dose >= dose per session.
    dose_mg = models.DecimalField(
        max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000))]
    )
    max_single_dose_mg = models.DecimalField(
        max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000))]
    )
    # Titration: [{"dose_mg": "75", "from_session": 4}, {"dose_mg": "100", "from_date": "2026-12-01"}, ...]
    titration = models.JSONField(default=list, blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(21)])
    min_hours_between = models.PositiveSmallIntegerField(validators=[MinValueValidator(4), MaxValueValidator(336)])
    # Holds: CLINICAL.md section 2 ranges (systolic 120-180, diastolic 70-110, HR lower 40-60, upper 90-130); the
    # clinic's settings are the defaults a new plan starts from.
    systolic_limit = models.PositiveSmallIntegerField(validators=[MinValueValidator(120), MaxValueValidator(180)])
    diastolic_limit = models.PositiveSmallIntegerField(validators=[MinValueValidator(70), MaxValueValidator(110)])
    heart_rate_lower = models.PositiveSmallIntegerField(validators=[MinValueValidator(40), MaxValueValidator(60)])
    heart_rate_upper = models.PositiveSmallIntegerField(validators=[MinValueValidator(90), MaxValueValidator(130)])
    sitter_required = models.BooleanField()
    fasting_hours = models.PositiveSmallIntegerField(validators=[MaxValueValidator(12)])
    no_driving_hours = models.PositiveSmallIntegerField(validators=[MaxValueValidator(48)])
    review_date = models.DateField()
    # The patient's chosen days (0 = Monday … 6 = Sunday) and local time for scheduled sessions.
    session_weekdays = models.JSONField(default=list, blank=True)
    session_time = models.TimeField(null=True, blank=True)
    # Issue 10: "Request a refill" is offered when the expected units on hand fall below this many sessions' worth.
    refill_at_sessions = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(14)]
    )

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_number_from_one"),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_version_status_known"),
            models.CheckConstraint(condition=Q(route__in=Route.values), name="plan_version_route_known"),
            models.CheckConstraint(condition=Q(dose_mg__gte=1, dose_mg__lte=1000), name="plan_version_dose_range"),
            models.CheckConstraint(
                condition=Q(max_single_dose_mg__gte=F("dose_mg"), max_single_dose_mg__lte=1000),
                name="plan_version_max_dose_at_least_dose",
            ),
            models.CheckConstraint(
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=21), name="plan_version_sessions_range"
            ),
            models.CheckConstraint(
                condition=Q(min_hours_between__gte=4, min_hours_between__lte=336), name="plan_version_interval_range"
            ),
            models.CheckConstraint(
                condition=Q(systolic_limit__gte=120, systolic_limit__lte=180), name="plan_version_systolic_range"
            ),
            models.CheckConstraint(
                condition=Q(diastolic_limit__gte=70, diastolic_limit__lte=110), name="plan_version_diastolic_range"
            ),
            models.CheckConstraint(
                condition=Q(heart_rate_lower__gte=40, heart_rate_lower__lte=60), name="plan_version_hr_lower_range"
            ),
            models.CheckConstraint(
                condition=Q(heart_rate_upper__gte=90, heart_rate_upper__lte=130), name="plan_version_hr_upper_range"
            ),
            models.CheckConstraint(condition=Q(fasting_hours__lte=12), name="plan_version_fasting_range"),
            models.CheckConstraint(condition=Q(no_driving_hours__lte=48), name="plan_version_no_driving_range"),
            models.CheckConstraint(
                condition=Q(refill_at_sessions__gte=1, refill_at_sessions__lte=14), name="plan_version_refill_range"
            ),
        ]

    def __str__(self):
        return f"{self.plan}, version {self.number}"

    # The fields a physician sets, in the order the plan page and the diff show them.
    CLINICAL_FIELDS = (
        "status",
        "route",
        "dose_mg",
        "max_single_dose_mg",
        "titration",
        "sessions_per_week",
        "min_hours_between",
        "systolic_limit",
        "diastolic_limit",
        "heart_rate_lower",
        "heart_rate_upper",
        "sitter_required",
        "fasting_hours",
        "no_driving_hours",
        "review_date",
        "session_weekdays",
        "session_time",
        "refill_at_sessions",
    )


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"  # the pre-dose check passed; waiting for the post-dose entry
    COMPLETED = "completed", "Completed"
    HELD = "held", "Held"  # a pre-dose gate failed: the patient was told not to dose
    INCOMPLETE = "incomplete", "Incomplete"  # started, never completed within its window
    MISSED = "missed", "Missed"  # scheduled, never started
    CANCELLED = "cancelled", "Cancelled"


class TreatmentSession(models.Model):
    """One at-home treatment session: the pre-dose check, the gate result, then what the patient took and felt.

    Moves scheduled → in progress → completed, or to held when a gate fails. A completed session is never edited:
    corrections are addenda (a later issue). Ranges are CLINICAL.md section 2, "Plausible input".
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="treatment_sessions")
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions")
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Before the dose.
    checked_at = models.DateTimeField(null=True, blank=True)
    sitter_present = models.BooleanField(null=True)
    sitter_name = models.CharField(max_length=200, blank=True)
    # Shown first, with the emergency number, when the patient asks for help during the session (issue 10).
    sitter_phone = models.CharField(max_length=32, blank=True)
    no_driving = models.BooleanField(null=True)
    fasted = models.BooleanField(null=True)
    no_alcohol_or_sedatives = models.BooleanField(null=True)
    safe_setting = models.BooleanField(null=True)
    systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    heart_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    remeasured_systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    remeasured_diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    remeasured_heart_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    # The gate result as the patient was shown it: [{"code": ..., "message": ...}], and notes the same way.
    gate_failures = models.JSONField(default=list, blank=True)
    gate_notes = models.JSONField(default=list, blank=True)
    session_number = models.PositiveIntegerField(null=True, blank=True)
    planned_dose_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    severe_hypertension = models.BooleanField(default=False)

    # After the dose.
    dose_mg = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    route = models.CharField(max_length=16, choices=Route.choices, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    dissociation = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    post_systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    post_diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    post_heart_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    post_dose_findings = models.JSONField(default=list, blank=True)
    needs_review = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "status", "-taken_at"], name="session_patient_status_taken")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values), name="session_status_known"),
            # One live session per patient and scheduled time, so that scheduling is idempotent. A cancelled one
            # frees its time (a plan paused and resumed schedules it again).
            models.UniqueConstraint(
                fields=["patient", "scheduled_for"],
                condition=Q(scheduled_for__isnull=False) & ~Q(status="cancelled"),
                name="session_scheduled_once",
            ),
            # CLINICAL.md section 2, "Plausible input": systolic 60-260, diastolic 30-160, systolic > diastolic,
            # heart rate 25-250, pain and dissociation 0-10, dose > 0.
            models.CheckConstraint(
                condition=Q(systolic__isnull=True) | Q(systolic__range=(60, 260)), name="session_systolic_plausible"
            ),
            models.CheckConstraint(
                condition=Q(diastolic__isnull=True) | Q(diastolic__range=(30, 160)), name="session_diastolic_plausible"
            ),
            models.CheckConstraint(
                condition=Q(systolic__isnull=True) | Q(diastolic__isnull=True) | Q(systolic__gt=F("diastolic")),
                name="session_systolic_above_diastolic",
            ),
            models.CheckConstraint(
                condition=Q(heart_rate__isnull=True) | Q(heart_rate__range=(25, 250)), name="session_hr_plausible"
            ),
            models.CheckConstraint(
                condition=Q(remeasured_systolic__isnull=True) | Q(remeasured_systolic__range=(60, 260)),
                name="session_remeasured_systolic_plausible",
            ),
            models.CheckConstraint(
                condition=Q(remeasured_diastolic__isnull=True) | Q(remeasured_diastolic__range=(30, 160)),
                name="session_remeasured_diastolic_plausible",
            ),
            models.CheckConstraint(
                condition=Q(remeasured_heart_rate__isnull=True) | Q(remeasured_heart_rate__range=(25, 250)),
                name="session_remeasured_hr_plausible",
            ),
            models.CheckConstraint(
                condition=Q(post_systolic__isnull=True) | Q(post_systolic__range=(60, 260)),
                name="session_post_systolic_plausible",
            ),
            models.CheckConstraint(
                condition=Q(post_diastolic__isnull=True) | Q(post_diastolic__range=(30, 160)),
                name="session_post_diastolic_plausible",
            ),
            models.CheckConstraint(
                condition=Q(post_heart_rate__isnull=True) | Q(post_heart_rate__range=(25, 250)),
                name="session_post_hr_plausible",
            ),
            models.CheckConstraint(
                condition=Q(pain_before__isnull=True) | Q(pain_before__lte=10), name="session_pain_before_0_10"
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True) | Q(pain_after__lte=10), name="session_pain_after_0_10"
            ),
            models.CheckConstraint(
                condition=Q(dissociation__isnull=True) | Q(dissociation__lte=10), name="session_dissociation_0_10"
            ),
            models.CheckConstraint(condition=Q(dose_mg__isnull=True) | Q(dose_mg__gt=0), name="session_dose_positive"),
            # A completed session has its dose and the time it was taken; a held one has its reasons.
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(dose_mg__isnull=False, taken_at__isnull=False),
                name="session_completed_has_dose",
            ),
        ]

    def __str__(self):
        return f"Session {self.pk} of {self.patient} ({self.get_status_display()})"


class SideEffect(models.TextChoices):
    # CLINICAL.md section 2, "After the dose".
    NAUSEA = "nausea", "Nausea"
    VOMITING = "vomiting", "Vomiting"
    DIZZINESS = "dizziness", "Dizziness"
    HEADACHE = "headache", "Headache"
    DROWSINESS = "drowsiness", "Drowsiness"
    BLURRED_VISION = "blurred_vision", "Blurred or double vision"
    ANXIETY = "anxiety", "Anxiety or panic"
    CONFUSION = "confusion", "Confusion"
    HALLUCINATIONS = "hallucinations", "Hallucinations or vivid dreams"
    RACING_HEART = "racing_heart", "Racing or pounding heart"
    URINARY = "urinary", "Urinary urgency or pain"
    PROLONGED_DETACHMENT = "prolonged_detachment", "Feeling detached for longer than expected"


class SideEffectSeverity(models.TextChoices):
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


class SessionSideEffect(models.Model):
    """A side effect the patient reported after a dose; "none" is simply no row."""

    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="side_effects")
    effect = models.CharField(max_length=24, choices=SideEffect.choices)
    severity = models.CharField(max_length=10, choices=SideEffectSeverity.choices)

    class Meta:
        ordering = ["session", "effect"]
        constraints = [
            models.UniqueConstraint(fields=["session", "effect"], name="side_effect_once_per_session"),
            models.CheckConstraint(condition=Q(effect__in=SideEffect.values), name="side_effect_known"),
            models.CheckConstraint(
                condition=Q(severity__in=SideEffectSeverity.values), name="side_effect_severity_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_effect_display()} ({self.get_severity_display()})"


class SafetyHold(models.Model):
    """An open critical safety alert (adverse event or suicidality) that holds every dose until a physician resolves
    it (CLINICAL.md "no open safety alert" gate). monitoring opens and clears it through treatment.services, so
    that the gate, which lives here, never has to read monitoring's alerts."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="safety_holds")
    cause = models.CharField(max_length=64)  # the alert's cause, e.g. "adverse_event:12"
    opened_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "cause"], condition=Q(cleared_at__isnull=True), name="safety_hold_open_once"
            ),
        ]

    def __str__(self):
        return f"Safety hold of {self.patient} ({self.cause})"


class AdverseEventSeverity(models.TextChoices):
    # CLINICAL.md section 2, "Adverse events" (grades after CTCAE v5 that a patient can report).
    MILD = "mild", "Mild — noticeable, no change to daily life"
    MODERATE = "moderate", "Moderate — limits daily activities"
    SEVERE = "severe", "Severe — disabling, or needs medical care"
    LIFE_THREATENING = "life_threatening", "Life-threatening — call the emergency number now"


class AdverseEvent(models.Model):
    """Something harmful the patient reports (or a physician records for them). Never edited: addenda correct it."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="adverse_events")
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.PROTECT, null=True, blank=True, related_name="adverse_events"
    )
    reported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    started_at = models.DateTimeField()
    severity = models.CharField(max_length=20, choices=AdverseEventSeverity.choices)
    ongoing = models.BooleanField(default=True)
    reported_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=AdverseEventSeverity.values), name="adverse_event_severity_known"
            ),
            models.CheckConstraint(
                condition=Q(started_at__lte=F("reported_at")), name="adverse_event_started_before_report"
            ),
        ]

    def __str__(self):
        return f"Adverse event {self.pk} of {self.patient} ({self.get_severity_display()})"


class Dispense(models.Model):
    """What the pharmacy dispensed (ketamine is Schedule III in the US), recorded by a physician or clinic admin."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="dispenses")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dispensed_on = models.DateField()
    pharmacy = models.CharField(max_length=200)
    units = models.PositiveIntegerField()
    strength_mg_per_unit = models.DecimalField(max_digits=6, decimal_places=1)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-dispensed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(units__gte=1), name="dispense_units_positive"),
            models.CheckConstraint(condition=Q(strength_mg_per_unit__gt=0), name="dispense_strength_positive"),
        ]

    def __str__(self):
        return f"{self.units} x {self.strength_mg_per_unit} mg for {self.patient} on {self.dispensed_on}"


class SupplyCount(models.Model):
    """A report of units on hand, by the patient or a physician, compared with the expected count when made."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="supply_counts")
    counted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    units_on_hand = models.DecimalField(max_digits=7, decimal_places=1)
    expected_units = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    counted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-counted_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(units_on_hand__gte=0), name="supply_count_not_negative")]

    def __str__(self):
        return f"{self.units_on_hand} units counted for {self.patient}"


class Addendum(models.Model):
    """A correction or addition to a clinical record that is never edited itself (a completed session, an adverse
    event, a dispense): shown beside the original, with its author and reason. Never edited or deleted."""

    class RecordType(models.TextChoices):
        SESSION = "session", "Treatment session"
        ADVERSE_EVENT = "adverse_event", "Adverse event"
        DISPENSE = "dispense", "Dispense"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="addenda")
    record_type = models.CharField(max_length=16, choices=RecordType.choices)
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.PROTECT, null=True, blank=True, related_name="addenda"
    )
    adverse_event = models.ForeignKey(
        AdverseEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="addenda"
    )
    dispense = models.ForeignKey(Dispense, on_delete=models.PROTECT, null=True, blank=True, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # Exactly the one record its type names.
            models.CheckConstraint(
                condition=(
                    Q(record_type="session", session__isnull=False, adverse_event__isnull=True, dispense__isnull=True)
                    | Q(
                        record_type="adverse_event",
                        session__isnull=True,
                        adverse_event__isnull=False,
                        dispense__isnull=True,
                    )
                    | Q(
                        record_type="dispense", session__isnull=True, adverse_event__isnull=True, dispense__isnull=False
                    )
                ),
                name="addendum_names_one_record",
            ),
        ]

    def __str__(self):
        return f"Addendum {self.pk} to a {self.get_record_type_display().lower()}"


# --- Eligibility screening (CLINICAL.md section 1, "Eligibility screen") ------------------------------------------


class EligibilityItem(models.TextChoices):
    # CLINICAL.md section 1: item keys are a public contract (API, export, tests); the words are the patient's.
    HTN_UNCONTROLLED = "htn_uncontrolled", "High blood pressure that is not controlled"
    VASCULAR = "vascular", "An aneurysm, arteriovenous malformation or bleeding in the brain, ever"
    CARDIAC = "cardiac", "A heart attack, stroke or unstable angina in the last 6 months"
    HYPERSENSITIVITY = "hypersensitivity", "A reaction to ketamine or esketamine before"
    PREGNANT = "pregnant", "Pregnant, planning a pregnancy or breastfeeding"
    PSYCHOSIS = "psychosis", "Schizophrenia, psychosis or mania, ever"
    SUD = "sud", "An alcohol or drug use problem in the last 12 months"
    LIVER = "liver", "Liver disease"
    BLADDER = "bladder", "Bladder or urinary problems"
    GLAUCOMA = "glaucoma", "Glaucoma or raised pressure in the eye"
    NO_SITTER = "no_sitter", "No adult who can stay nearby during sessions"


# CLINICAL.md section 1: the items marked C (ketamine and esketamine labelling). Clearing one needs an explicit reason.
CONTRAINDICATIONS = frozenset(
    {
        EligibilityItem.HTN_UNCONTROLLED,
        EligibilityItem.VASCULAR,
        EligibilityItem.CARDIAC,
        EligibilityItem.HYPERSENSITIVITY,
        EligibilityItem.PREGNANT,
        EligibilityItem.PSYCHOSIS,
    }
)


class EligibilityStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the patient's answers"
    NEEDS_REVIEW = "needs_review", "Needs a physician's review"
    CLEARED = "cleared", "Cleared"
    NOT_CLEARED = "not_cleared", "Not cleared"


class EligibilityScreen(models.Model):
    """One answering of CLINICAL.md's eligibility checklist (0 No, 1 Yes per item), at intake or when a physician asks
    for a re-screen. All "no" clears it at once; each "yes" needs a care-team physician's EligibilityReview.
    The patient's latest answered screen decides whether they are cleared (treatment.eligibility)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="eligibility_screens")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=EligibilityStatus.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # A re-screen a physician asked for (None: the patient's own intake screen).
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    request_reason = models.CharField(max_length=300, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # item key -> 0 or 1, every item
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)  # when it became cleared or not cleared

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-answered_at"], name="eligibility_patient_answered")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EligibilityStatus.values), name="eligibility_status_known"),
            models.CheckConstraint(
                condition=Q(status=EligibilityStatus.REQUESTED, answered_at__isnull=True)
                | (~Q(status=EligibilityStatus.REQUESTED) & Q(answered_at__isnull=False, answered_by__isnull=False)),
                name="eligibility_answered_unless_requested",
            ),
            # At most one re-screen waiting for the patient.
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(status=EligibilityStatus.REQUESTED),
                name="eligibility_one_request_waiting",
            ),
        ]

    def __str__(self):
        return f"Eligibility screen of {self.patient} ({self.get_status_display().lower()})"


class EligibilityDecision(models.TextChoices):
    PROCEED = "proceed", "Safe to proceed"
    DO_NOT_PROCEED = "do_not_proceed", "Do not proceed"


class EligibilityReview(models.Model):
    """A care-team physician's review of one "yes" of a screen: a note, a decision and — to proceed despite a
    contraindication — an explicit reason. Append-only (migration 0007)."""

    screen = models.ForeignKey(EligibilityScreen, on_delete=models.PROTECT, related_name="reviews")
    item = models.CharField(max_length=24, choices=EligibilityItem.choices)
    decision = models.CharField(max_length=16, choices=EligibilityDecision.choices)
    note = models.TextField(max_length=2000)
    reason_to_proceed = models.TextField(max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["screen", "item"], name="eligibility_review_one_per_item"),
            models.CheckConstraint(condition=Q(item__in=EligibilityItem.values), name="eligibility_review_item_known"),
            models.CheckConstraint(
                condition=Q(decision__in=EligibilityDecision.values), name="eligibility_review_decision_known"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="eligibility_review_note_given"),
            models.CheckConstraint(
                condition=~Q(item__in=sorted(CONTRAINDICATIONS), decision=EligibilityDecision.PROCEED)
                | ~Q(reason_to_proceed=""),
                name="eligibility_contraindication_needs_a_reason",
            ),
        ]

    def __str__(self):
        return f"Review of {self.item} on {self.screen}"


# --- Refill requests and help during a session (issue 10) ---------------------------------------------------------


class RefillStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved, awaiting the dispense"
    DECLINED = "declined", "Declined"
    FULFILLED = "fulfilled", "Fulfilled"


OPEN_REFILL = (RefillStatus.REQUESTED, RefillStatus.APPROVED)


class RefillRequest(models.Model):
    """A patient's request for more medication when their expected units on hand run low. A care-team physician
    approves or declines it with a reason; an approved request waits for the Dispense that fulfils it."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="refill_requests")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # The reconciliation at the time of the request (CLINICAL.md section 2, "Dispensing").
    expected_units = models.DecimalField(max_digits=8, decimal_places=2)
    early = models.BooleanField(default=False)  # the units on hand would still last more than 7 days
    note = models.CharField(max_length=500, blank=True)  # the patient's own words, optional
    status = models.CharField(max_length=16, choices=RefillStatus.choices, default=RefillStatus.REQUESTED)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    dispense = models.OneToOneField(
        Dispense, on_delete=models.PROTECT, null=True, blank=True, related_name="refill_request"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RefillStatus.values), name="refill_status_known"),
            models.UniqueConstraint(
                fields=["patient"], condition=Q(status__in=OPEN_REFILL), name="refill_one_open_per_patient"
            ),
            models.CheckConstraint(
                condition=Q(status=RefillStatus.REQUESTED, decided_at__isnull=True, decided_by__isnull=True)
                | (~Q(status=RefillStatus.REQUESTED) & Q(decided_at__isnull=False, decided_by__isnull=False)),
                name="refill_decided_unless_requested",
            ),
            models.CheckConstraint(
                condition=~Q(status=RefillStatus.DECLINED) | ~Q(decision_reason=""),
                name="refill_decline_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=RefillStatus.FULFILLED, dispense__isnull=False)
                | (~Q(status=RefillStatus.FULFILLED) & Q(dispense__isnull=True)),
                name="refill_fulfilled_iff_dispensed",
            ),
        ]

    def __str__(self):
        return f"Refill request of {self.patient} ({self.get_status_display().lower()})"


class HelpRequest(models.Model):
    """The patient pressed "I need help" during a session (between the pre-dose check and the post-dose entry).
    Append-only (migration 0007); monitoring raises a critical alert for the care team."""

    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="help_requests")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="help_requests")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Help requested by {self.patient} at {self.requested_at:%Y-%m-%d %H:%M}"
