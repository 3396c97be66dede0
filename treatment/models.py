"""Treatment: consent to at-home treatment (and, later, plans, sessions, gates and dispensing).

Consent is versioned per clinic: each publication is a new numbered version, never an edit, and a patient signs a
version by typing their full name. The latest version is the clinic's current consent; publishing one asks every
patient to sign again (treatment.middleware.ConsentRequiredMiddleware).
"""

from django.db import models
from django.db.models import Q
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
