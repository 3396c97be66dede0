"""People and clinics: who someone is, which clinic they belong to, and who may see whom.

A clinic is the tenant: every person but a platform operator belongs to exactly one, and nobody ever sees another
clinic's people or records. Who may see which patient is decided in one place, `PatientQuerySet.visible_to`.
"""

import hashlib
import json
import secrets
import zoneinfo
from datetime import date, time

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not an IANA time zone (for example America/New_York).")


class Clinic(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    time_zone = models.CharField(max_length=64, default="America/New_York", validators=[validate_time_zone])
    contact_phone = models.CharField(
        max_length=32,
        blank=True,
        help_text="Shown to patients as the clinic's number (CLINICAL.md section 6).",
    )
    # CLINICAL.md section 6: the crisis line and the emergency number are clinic settings, 988 and 911 by default.
    emergency_number = models.CharField(max_length=16, default="911")
    crisis_line = models.CharField(max_length=16, default="988")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # --- Clinic defaults (clinic admin's settings page). Ranges: CLINICAL.md section 2, "Pre-dose gates". ---
    systolic_hold = models.PositiveSmallIntegerField(
        default=160, validators=[MinValueValidator(120), MaxValueValidator(180)], help_text="mmHg, 120 to 180"
    )
    diastolic_hold = models.PositiveSmallIntegerField(
        default=90, validators=[MinValueValidator(70), MaxValueValidator(110)], help_text="mmHg, 70 to 110"
    )
    heart_rate_lower = models.PositiveSmallIntegerField(
        default=50, validators=[MinValueValidator(40), MaxValueValidator(60)], help_text="per minute; 40 to 60"
    )
    heart_rate_upper = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(90), MaxValueValidator(130)], help_text="per minute; 90 to 130"
    )
    # CLINICAL.md: "no open safety alert" gate is on by default; a clinic may turn it off.
    hold_on_open_safety_alert = models.BooleanField(default=True)
    sitter_required = models.BooleanField(default=True)
    no_driving_hours = models.PositiveSmallIntegerField(default=24, validators=[MaxValueValidator(48)])
    fasting_hours = models.PositiveSmallIntegerField(default=2, validators=[MaxValueValidator(12)])
    # Reminders: a session reminder this long before a scheduled session; nothing but urgent messages during
    # quiet hours (patients may set their own).
    reminder_lead_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    quiet_hours_start = models.TimeField(default=time(21, 0))
    quiet_hours_end = models.TimeField(default=time(8, 0))
    # Survey schedule (CLINICAL.md section 1, "Survey schedule", clinic defaults).
    followup_nrs_after_hours = models.PositiveSmallIntegerField(default=24, validators=[MinValueValidator(1)])
    peg3_every_days = models.PositiveSmallIntegerField(default=7, validators=[MinValueValidator(1)])
    phq9_every_days = models.PositiveSmallIntegerField(default=14, validators=[MinValueValidator(1)])
    gad7_every_days = models.PositiveSmallIntegerField(default=14, validators=[MinValueValidator(1)])
    pgic_every_days = models.PositiveSmallIntegerField(default=28, validators=[MinValueValidator(1)])
    bladder_every_days = models.PositiveSmallIntegerField(default=28, validators=[MinValueValidator(1)])
    survey_expiry_hours = models.PositiveSmallIntegerField(default=72, validators=[MinValueValidator(1)])
    # Escalation: a critical alert nobody acknowledged within the limit goes to this contact.
    escalation_contact_name = models.CharField(max_length=200, blank=True)
    escalation_contact_email = models.EmailField(blank=True)
    escalation_contact_phone = models.CharField(max_length=32, blank=True)
    acknowledgment_limit_minutes = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    # Messages: the reply time the clinic promises its patients; a patient's message unanswered past it goes on the
    # care team's dashboard (issue 10).
    message_reply_hours = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(7 * 24)]
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(systolic_hold__range=(120, 180)), name="clinic_systolic_hold_range"),
            models.CheckConstraint(condition=Q(diastolic_hold__range=(70, 110)), name="clinic_diastolic_hold_range"),
            models.CheckConstraint(condition=Q(heart_rate_lower__range=(40, 60)), name="clinic_hr_lower_range"),
            models.CheckConstraint(condition=Q(heart_rate_upper__range=(90, 130)), name="clinic_hr_upper_range"),
            models.CheckConstraint(condition=Q(no_driving_hours__lte=48), name="clinic_no_driving_hours_range"),
            models.CheckConstraint(condition=Q(fasting_hours__lte=12), name="clinic_fasting_hours_range"),
            models.CheckConstraint(
                condition=Q(message_reply_hours__range=(1, 7 * 24)), name="clinic_message_reply_hours_range"
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    PHYSICIAN = "physician", "Physician"
    CLINIC_ADMIN = "clinic_admin", "Clinic admin"
    # Platform operators run the service through the Django admin; they belong to no clinic.
    OPERATOR = "operator", "Platform operator"


STAFF_ROLES = frozenset({Role.PHYSICIAN, Role.CLINIC_ADMIN, Role.OPERATOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"], validate_unique=False)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.OPERATOR, clinic=None)
        return self._create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in. Email is the login; there is no username."""

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=16, choices=Role.choices)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, null=True, blank=True, related_name="users")
    is_active = models.BooleanField(default=True)
    # Django admin access: platform operators only (a constraint below).
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_known"),
            # Operators belong to no clinic; everyone else belongs to exactly one.
            models.CheckConstraint(
                condition=Q(role=Role.OPERATOR, clinic__isnull=True)
                | (~Q(role=Role.OPERATOR) & Q(clinic__isnull=False)),
                name="user_clinic_iff_not_operator",
            ),
            models.CheckConstraint(
                condition=Q(is_staff=False) | Q(role=Role.OPERATOR), name="user_admin_site_only_operators"
            ),
            # Targets of the composite foreign keys that tie a profile to its user's clinic (migration 0002).
            models.UniqueConstraint(fields=["id", "clinic"], name="user_id_clinic_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_physician(self) -> bool:
        return self.role == Role.PHYSICIAN

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.CLINIC_ADMIN

    @property
    def needs_mfa(self) -> bool:
        """Staff reach no patient data until they have set up two-factor authentication."""
        return self.role in STAFF_ROLES


class Condition(models.TextChoices):
    # PRODUCT.md: the chronic pain conditions at-home ketamine therapy is offered for.
    CRPS = "crps", "Complex regional pain syndrome (CRPS)"
    FIBROMYALGIA = "fibromyalgia", "Fibromyalgia"
    NEUROPATHIC = "neuropathic", "Neuropathic pain (e.g. diabetic neuropathy, post-herpetic neuralgia)"
    MIGRAINE = "migraine", "Chronic migraine"
    CLUSTER_HEADACHE = "cluster_headache", "Cluster headache"
    BACK_NECK = "back_neck", "Chronic back or neck pain"
    PHANTOM_LIMB = "phantom_limb", "Phantom limb pain"


class PatientStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    DISCHARGED = "discharged", "Discharged"


class PatientQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PatientQuerySet":
        """The one rule of who may see which patient; every page, API view and task reads patients through it.

        A patient sees only themself; a physician only the patients of their own clinic on whose care team they
        are; a clinic admin every patient of their clinic; anyone else (operators included: they use the Django
        admin) nobody. Staff without two-factor authentication are stopped earlier, by the MFA middleware.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.PATIENT:
            return self.filter(user=user)
        if user.role == Role.PHYSICIAN:
            on_care_team = CareTeamMembership.objects.filter(patient=models.OuterRef("pk"), physician__user=user)
            return self.filter(models.Exists(on_care_team), clinic_id=user.clinic_id)
        if user.role == Role.CLINIC_ADMIN:
            return self.filter(clinic_id=user.clinic_id)
        return self.none()


class Patient(models.Model):
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="patient")
    # Denormalised from user.clinic so that tenancy filters are one indexed column; services keep both equal.
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    date_of_birth = models.DateField()
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    phone = models.CharField(max_length=32, blank=True)
    primary_condition = models.CharField(max_length=32, choices=Condition.choices)
    status = models.CharField(max_length=16, choices=PatientStatus.choices, default=PatientStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PatientStatus.values), name="patient_status_known"),
            models.CheckConstraint(condition=Q(primary_condition__in=Condition.values), name="patient_condition_known"),
            models.UniqueConstraint(fields=["id", "clinic"], name="patient_id_clinic_unique"),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def full_name(self) -> str:
        return self.user.full_name

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday


class PhysicianQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PhysicianQuerySet":
        """Staff see their own clinic's physicians; a patient sees their care team."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.PATIENT:
            return self.filter(clinic_id=user.clinic_id, care_team_memberships__patient__user=user)
        if user.role in (Role.PHYSICIAN, Role.CLINIC_ADMIN):
            return self.filter(clinic_id=user.clinic_id)
        return self.none()


class Physician(models.Model):
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="physician")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="physicians")
    licence_number = models.CharField(max_length=32)
    licence_state = models.CharField(max_length=2, help_text="US state or territory code, e.g. CA.")
    board_certification = models.CharField(max_length=200, help_text="e.g. Anesthesiology — Pain Medicine")

    objects = PhysicianQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["licence_state", "licence_number"], name="physician_licence_unique"),
            models.CheckConstraint(condition=Q(licence_state__regex=r"^[A-Z]{2}$"), name="physician_state_code"),
            models.UniqueConstraint(fields=["id", "clinic"], name="physician_id_clinic_unique"),
        ]

    def __str__(self):
        return f"Dr. {self.user.full_name}"


class CareTeamMembership(models.Model):
    """A physician on a patient's care team. Both must belong to the same clinic (accounts.services)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="care_team_memberships")
    physician = models.ForeignKey(Physician, on_delete=models.PROTECT, related_name="care_team_memberships")
    # Copied from both sides; composite foreign keys (migration 0002, PostgreSQL) make "same clinic" a database rule.
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "physician"], name="care_team_member_once"),
        ]

    def __str__(self):
        return f"{self.physician} → {self.patient}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use link that lets one person join one clinic in one role. Only a hash of the token is kept."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=16, choices=[c for c in Role.choices if c[0] != Role.OPERATOR])
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations_sent")
    token_hash = models.CharField(max_length=64, unique=True)
    # What the new account gets besides the role: patient profile fields and care team, or physician licence.
    # Never health data beyond the primary condition the clinic already chose to record.
    profile = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="accepted_invitation"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN]), name="invitation_role_known"
            ),
            models.CheckConstraint(
                condition=~(Q(accepted_at__isnull=False) & Q(revoked_at__isnull=False)),
                name="invitation_not_accepted_and_revoked",
            ),
            # One live invitation per address and clinic: a resend replaces the token, it does not add a row.
            models.UniqueConstraint(
                Lower("email"),
                "clinic",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} invitation for {self.email}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed a record"
    LIST = "list", "Saw in a list"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_ADDED = "mfa_added", "Set up two-factor authentication"
    MFA_REMOVED = "mfa_removed", "Removed two-factor authentication"
    MFA_RESET = "mfa_reset", "Replaced recovery codes"
    PASSWORD_CHANGED = "password_changed", "Changed their password"
    INVITE = "invite", "Invited"
    INVITE_REVOKED = "invite_revoked", "Revoked an invitation"
    INVITE_ACCEPTED = "invite_accepted", "Accepted an invitation"
    ROLE_CHANGE = "role_change", "Changed a role"
    ASSIGN = "assign", "Assigned to a care team"
    UNASSIGN = "unassign", "Removed from a care team"
    DEACTIVATE = "deactivate", "Deactivated"
    REACTIVATE = "reactivate", "Reactivated"
    DISCHARGE = "discharge", "Discharged"
    IMPORT = "import", "Imported"
    SETTINGS_CHANGE = "settings_change", "Changed clinic settings"


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", "Success"
    DENIED = "denied", "Denied"
    FAILURE = "failure", "Failure"


class AuditEvent(models.Model):
    """One access to patient data or one security event (HIPAA 45 CFR 164.312(b) audit controls).

    Append-only: PostgreSQL refuses UPDATE and DELETE on this table (migration 0004), and every row carries the hash
    of its predecessor, so `manage.py verify_audit` finds a row altered or removed by anyone who bypassed that.
    Never holds health data: who, what kind of record, which one, when, from where, and the outcome.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_role = models.CharField(max_length=16, blank=True)
    # For a failed sign-in the address that was typed: there may be no such account.
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=24, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=8, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS)
    # Short, non-clinical context: a role change "physician → clinic_admin", an export's format.
    detail = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["clinic", "-at"], name="audit_clinic_at"),
            models.Index(fields=["patient", "-at"], name="audit_patient_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_email or '-'} {self.action} {self.object_type} {self.object_id}"
        )

    def chained_fields(self) -> dict:
        """The fields the hash covers, in a stable form."""
        return {
            "at": self.at.isoformat(),
            "clinic": self.clinic_id,
            "actor": self.actor_id,
            "actor_role": self.actor_role,
            "actor_email": self.actor_email,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "patient": self.patient_id,
            "outcome": self.outcome,
            "detail": self.detail,
            "request_id": self.request_id,
            "ip": self.ip,
            "user_agent": self.user_agent,
        }

    def compute_hash(self, previous_hash: str) -> str:
        payload = json.dumps(self.chained_fields(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(f"{previous_hash}|{payload}".encode()).hexdigest()


class PatientStatusChange(models.Model):
    """A patient's treatment status moved (paused, resumed, discharged): who did it, when, and why.

    The reason is part of the patient's record, which is why it lives here and never in the audit trail (the audit
    row of the same change says only who changed which patient's status).
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=PatientStatus.choices)
    to_status = models.CharField(max_length=16, choices=PatientStatus.choices)
    reason = models.TextField(max_length=1000, blank=True)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=PatientStatus.values) & Q(to_status__in=PatientStatus.values),
                name="patient_status_change_known",
            ),
            models.CheckConstraint(condition=~Q(from_status=models.F("to_status")), name="patient_status_changes"),
        ]

    def __str__(self):
        return f"{self.patient}: {self.from_status} → {self.to_status}"


class NotificationPreference(models.Model):
    """How a person wants to hear from Anodyne. Absent means the defaults below (and the clinic's lead time)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_preference")
    email_enabled = models.BooleanField(default=True)
    sms_enabled = models.BooleanField(default=False)
    # The SMS number; a patient's profile phone is the default.
    sms_phone = models.CharField(max_length=32, blank=True)
    # Quiet hours in the person's own time zone (PRODUCT.md "Notifications"); may wrap midnight.
    quiet_hours_start = models.TimeField(default=time(21, 0))
    quiet_hours_end = models.TimeField(default=time(8, 0))
    # Patients: minutes before a scheduled session to remind; None = the clinic's reminder_lead_minutes.
    reminder_lead_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    # Staff: when the daily digest of open alerts arrives, in their clinic's time zone.
    digest_time = models.TimeField(default=time(7, 30))
    digest_enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(quiet_hours_start=F("quiet_hours_end")), name="notification_quiet_hours_not_empty"
            ),
        ]

    def __str__(self):
        return f"Notification preferences of {self.user}"
