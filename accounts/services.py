"""Writes about people and clinics. Each service is one transaction and raises DomainError with plain words."""

from datetime import date

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import CareTeamMembership, Clinic, Patient, PatientStatus, Physician, Role, User
from anodyne.errors import DomainError


def clinic_create(*, name: str, slug: str, time_zone: str = "America/New_York", contact_phone: str = "") -> Clinic:
    clinic = Clinic(name=name, slug=slug, time_zone=time_zone, contact_phone=contact_phone)
    _validate(clinic)
    clinic.save()
    return clinic


def _user_create(
    *, clinic: Clinic, email: str, full_name: str, role: Role, password: str | None, email_verified: bool
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(f"An account with the email address {email} already exists.", code="duplicate_email")
    user = User(email=email, full_name=full_name, role=role, clinic=clinic)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    _validate(user, exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    return user


@transaction.atomic
def clinic_admin_create(
    *, clinic: Clinic, email: str, full_name: str, password: str | None = None, email_verified: bool = False
) -> User:
    return _user_create(
        clinic=clinic,
        email=email,
        full_name=full_name,
        role=Role.CLINIC_ADMIN,
        password=password,
        email_verified=email_verified,
    )


@transaction.atomic
def physician_create(
    *,
    clinic: Clinic,
    email: str,
    full_name: str,
    licence_number: str,
    licence_state: str,
    board_certification: str,
    password: str | None = None,
    email_verified: bool = False,
) -> Physician:
    user = _user_create(
        clinic=clinic,
        email=email,
        full_name=full_name,
        role=Role.PHYSICIAN,
        password=password,
        email_verified=email_verified,
    )
    physician = Physician(
        user=user,
        clinic=clinic,
        licence_number=licence_number.strip(),
        licence_state=licence_state.strip().upper(),
        board_certification=board_certification,
    )
    _validate(physician)
    physician.save()
    return physician


@transaction.atomic
def patient_create(
    *,
    clinic: Clinic,
    email: str,
    full_name: str,
    date_of_birth: date,
    time_zone: str,
    primary_condition: str,
    physicians: list[Physician],
    phone: str = "",
    password: str | None = None,
    email_verified: bool = False,
) -> Patient:
    if not physicians:
        raise DomainError("A patient needs at least one physician on their care team.", code="no_physician")
    user = _user_create(
        clinic=clinic,
        email=email,
        full_name=full_name,
        role=Role.PATIENT,
        password=password,
        email_verified=email_verified,
    )
    patient = Patient(
        user=user,
        clinic=clinic,
        date_of_birth=date_of_birth,
        time_zone=time_zone,
        primary_condition=primary_condition,
        phone=phone,
        status=PatientStatus.ACTIVE,
    )
    _validate(patient)
    patient.save()
    for physician in physicians:
        care_team_add(patient=patient, physician=physician)
    return patient


@transaction.atomic
def care_team_add(*, patient: Patient, physician: Physician) -> CareTeamMembership:
    """Put a physician on a patient's care team; both must belong to the same clinic."""
    if physician.clinic_id != patient.clinic_id:
        raise DomainError("A physician can only join the care team of a patient of their own clinic.")
    if not physician.user.is_active:
        raise DomainError(f"{physician} is deactivated and cannot join a care team.")
    membership, _ = CareTeamMembership.objects.get_or_create(
        patient=patient, physician=physician, defaults={"clinic_id": patient.clinic_id}
    )
    return membership


def _validate(instance, exclude=None) -> None:
    """Model validation as a DomainError: field names and Django's plain messages, one sentence each."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        parts = [
            f"{field.replace('_', ' ')}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        ]
        raise DomainError(" ".join(parts)) from error
