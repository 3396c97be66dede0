"""People and clinics: who someone is, which clinic they belong to, and who may see whom.

A clinic is the tenant: every person but a platform operator belongs to exactly one, and nobody ever sees another
clinic's people or records. Who may see which patient is decided in one place, `PatientQuerySet.visible_to`.
"""

import zoneinfo
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
    # CLINICAL.md section 6: the emergency number is a clinic setting, 911 in the US by default.
    emergency_number = models.CharField(max_length=16, default="911")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]

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
