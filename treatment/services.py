"""Writes about treatment. Each service is one transaction, audited inside it, and raises DomainError in plain words."""

from django.db import transaction

from accounts import audit
from accounts.models import AuditAction, Clinic, Patient, Role, User
from anodyne.errors import DomainError
from treatment.models import ConsentSignature, ConsentVersion


@transaction.atomic
def consent_publish(*, actor: User, clinic: Clinic, text: str) -> ConsentVersion:
    """Publish a new version of a clinic's consent; every patient of the clinic is then asked to sign it.

    The next version number is computed under a lock on the clinic row, so two admins publishing at once get
    versions n and n + 1, never two versions n (the unique constraint would refuse that anyway).
    """
    if not (actor.is_authenticated and actor.is_active and actor.role == Role.CLINIC_ADMIN):
        raise DomainError("Only a clinic admin can publish the consent.", code="forbidden")
    if actor.clinic_id != clinic.pk:
        raise DomainError("You can publish the consent of your own clinic only.", code="forbidden")
    text = text.strip()
    if not text:
        raise DomainError("The consent text cannot be empty.")
    Clinic.objects.select_for_update().get(pk=clinic.pk)
    current = ConsentVersion.objects.filter(clinic=clinic).order_by("-version").first()
    if current and current.text == text:
        raise DomainError(
            f"This is the text of version {current.version} already; change it before publishing a new version."
        )
    version = ConsentVersion.objects.create(
        clinic=clinic, version=(current.version + 1) if current else 1, text=text, published_by=actor
    )
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        clinic=clinic,
        object_type="consent_version",
        object_id=version.pk,
        detail=f"version {version.version}",
    )
    return version


@transaction.atomic
def consent_sign(
    *,
    patient_user: User,
    consent_version: ConsentVersion,
    typed_name: str,
    ip: str | None = None,
    user_agent: str = "",
) -> ConsentSignature:
    """A patient signs their clinic's current consent by typing their full name (case and spacing do not matter).

    Signing a version they already signed returns that signature: a signature is never replaced or added twice.
    `ip` and `user_agent` are the request's, kept with the signature as evidence of how it was given.
    """
    if not (patient_user.is_authenticated and patient_user.is_active and patient_user.role == Role.PATIENT):
        raise DomainError("Only a patient can sign the consent.", code="forbidden")
    patient = Patient.objects.select_related("user").get(user=patient_user)
    # Shares the lock consent_publish takes: a version published while this patient signs is either seen here or
    # published after this signature, never in between.
    Clinic.objects.select_for_update().get(pk=patient.clinic_id)
    current = ConsentVersion.objects.filter(clinic_id=patient.clinic_id).order_by("-version").first()
    if current is None or consent_version.pk != current.pk:
        raise DomainError(
            "This is not your clinic's current consent: a newer version may have been published. "
            "Please read the current version and sign that one.",
            code="not_current",
        )
    existing = ConsentSignature.objects.filter(patient=patient, consent_version=current).first()
    if existing:
        return existing
    if _normalise_name(typed_name) != _normalise_name(patient_user.full_name):
        raise DomainError(
            f"The name you typed does not match the name on your account. Type your full name: "
            f"{patient_user.full_name}.",
            code="name_mismatch",
        )
    signature = ConsentSignature.objects.create(
        patient=patient,
        consent_version=current,
        typed_name=" ".join(typed_name.split())[:200],
        ip=ip,
        user_agent=(user_agent or "")[:300],
    )
    audit.record(
        AuditAction.CREATE,
        actor=patient_user,
        patient=patient,
        object_type="consent_signature",
        object_id=signature.pk,
        detail=f"version {current.version}",
    )
    return signature


def _normalise_name(name: str) -> str:
    return " ".join((name or "").split()).casefold()
