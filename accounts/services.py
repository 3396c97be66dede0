"""Writes about people and clinics. Each service is one transaction and raises DomainError with plain words."""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import audit, selectors
from accounts.models import (
    AuditAction,
    CareTeamMembership,
    Clinic,
    Patient,
    PatientStatus,
    PatientStatusChange,
    Physician,
    Role,
    User,
)
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


# --- Account lifecycle and care-team assignment (clinic admins) ------------------------------------------------------
#
# Deactivating someone keeps every record (their user row, patient or physician profile, care-team history in the
# audit trail) and ends their sign-in at once. Care-team changes lock the patients' rows first, in one order, so that
# two admins changing one patient's care team (or deactivating one of its physicians) run one after the other and
# "an active patient always has an active physician" holds under concurrency too.

DEACTIVATABLE_ROLES = (Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN)
# Moves between treatment statuses. A discharge is final here: re-admitting a patient is not part of this change.
PATIENT_STATUS_MOVES = {
    PatientStatus.ACTIVE: {PatientStatus.PAUSED, PatientStatus.DISCHARGED},
    PatientStatus.PAUSED: {PatientStatus.ACTIVE, PatientStatus.DISCHARGED},
    PatientStatus.DISCHARGED: set(),
}


def _require_clinic_admin(actor: User, *clinic_ids: int) -> None:
    if actor.role != Role.CLINIC_ADMIN or not actor.is_active:
        raise DomainError("Only a clinic admin can do this.", code="forbidden")
    if any(clinic_id != actor.clinic_id for clinic_id in clinic_ids):
        raise DomainError("That is not part of your clinic.", code="not_found")


def _lock_patients(pks) -> list[Patient]:
    return list(
        Patient.objects.select_for_update(of=("self",)).filter(pk__in=list(pks)).select_related("user").order_by("pk")
    )


def _lock_active_physician(physician: Physician) -> None:
    """Serialises with the physician's deactivation, which updates the same user row."""
    if not User.objects.select_for_update().filter(pk=physician.user_id, is_active=True).exists():
        raise DomainError(f"{physician} is deactivated and cannot join a care team.", code="deactivated")


def _has_another_active_physician(*, patient: Patient, physician: Physician) -> bool:
    return (
        CareTeamMembership.objects.filter(patient=patient, physician__user__is_active=True)
        .exclude(physician=physician)
        .exists()
    )


def _patients(count: int) -> str:
    return f"{count} active patient{'s' if count != 1 else ''}"


def _sessions_end(user: User) -> int:
    """End every signed-in session of this person at once, by key: usersessions lists every session that signed
    someone in (allauth's own sign-ins, and Django's login() through accounts.receivers.track_every_session), so
    no session row needs to be read and decoded to find theirs."""
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop a physician, clinic admin or patient of the actor's clinic from signing in; every record stays.

    A physician must first hand over the active patients who have no other active physician; a clinic admin
    cannot deactivate themself, so a clinic always keeps an active clinic admin.
    """
    _require_clinic_admin(actor, user.clinic_id)
    if user.role not in DEACTIVATABLE_ROLES:
        raise DomainError("Only physicians, clinic admins and patients can be deactivated here.")
    if user.pk == actor.pk:
        raise DomainError("You cannot deactivate your own account. Another clinic admin can.", code="self")
    if user.role == Role.CLINIC_ADMIN:
        # Two admins deactivating each other at the same moment: the second waits here, then finds itself
        # deactivated (and the first one stays the clinic's active admin).
        active_admins = set(
            User.objects.select_for_update()
            .filter(clinic_id=user.clinic_id, role=Role.CLINIC_ADMIN, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if actor.pk not in active_admins:
            raise DomainError("Your account has been deactivated.", code="forbidden")
        if not active_admins - {user.pk}:
            raise DomainError(f"{user} is the last active clinic admin of {user.clinic} and cannot be deactivated.")
    patient = None
    if user.role == Role.PHYSICIAN:
        physician = Physician.objects.get(user=user)
        _lock_patients(
            CareTeamMembership.objects.filter(physician=physician, patient__status=PatientStatus.ACTIVE).values_list(
                "patient_id", flat=True
            )
        )
        stranded = selectors.patients_needing_handover(physician=physician).count()
        if stranded:
            raise DomainError(
                f"{physician} is the only physician of {_patients(stranded)}. Hand "
                f"{'them' if stranded != 1 else 'that patient'} over to another physician before deactivating.",
                code="handover_needed",
            )
    elif user.role == Role.PATIENT:
        patient = Patient.objects.get(user=user)
    if not User.objects.filter(pk=user.pk, is_active=True).update(is_active=False):
        raise DomainError(f"{user} is already deactivated.", code="already")
    user.is_active = False
    ended = _sessions_end(user)
    audit.record(
        AuditAction.DEACTIVATE,
        actor=actor,
        object_type="user",
        object_id=user.pk,
        patient=patient,
        detail=f"{user.role}; {ended} session{'s' if ended != 1 else ''} ended",
    )
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    """Let a deactivated physician, clinic admin or patient of the actor's clinic sign in again. A physician comes
    back with no patients: assign them anew."""
    _require_clinic_admin(actor, user.clinic_id)
    if user.role not in DEACTIVATABLE_ROLES:
        raise DomainError("Only physicians, clinic admins and patients can be reactivated here.")
    if not User.objects.filter(pk=user.pk, is_active=False).update(is_active=True):
        raise DomainError(f"{user} is already active.", code="already")
    user.is_active = True
    audit.record(
        AuditAction.REACTIVATE,
        actor=actor,
        object_type="user",
        object_id=user.pk,
        patient=Patient.objects.filter(user=user).first() if user.role == Role.PATIENT else None,
        detail=user.role,
    )
    return user


@transaction.atomic
def care_team_assign(*, actor: User, patient: Patient, physician: Physician) -> CareTeamMembership:
    """Put an active physician of the clinic on a patient's care team."""
    _require_clinic_admin(actor, patient.clinic_id, physician.clinic_id)
    (locked,) = _lock_patients([patient.pk])
    _lock_active_physician(physician)
    if CareTeamMembership.objects.filter(patient=locked, physician=physician).exists():
        raise DomainError(f"{physician} is already on {locked}'s care team.", code="already")
    membership = care_team_add(patient=locked, physician=physician)
    audit.record(AuditAction.ASSIGN, actor=actor, object_type="physician", object_id=physician.pk, patient=locked)
    return membership


@transaction.atomic
def care_team_unassign(*, actor: User, patient: Patient, physician: Physician) -> None:
    """Take a physician off a patient's care team; an active patient keeps at least one active physician."""
    _require_clinic_admin(actor, patient.clinic_id, physician.clinic_id)
    (locked,) = _lock_patients([patient.pk])
    membership = CareTeamMembership.objects.filter(patient=locked, physician=physician).first()
    if membership is None:
        raise DomainError(f"{physician} is not on {locked}'s care team.", code="not_member")
    if locked.status == PatientStatus.ACTIVE and not _has_another_active_physician(patient=locked, physician=physician):
        raise DomainError(
            f"{locked} is an active patient and {physician} is their only active physician. "
            "Assign another physician first.",
            code="last_physician",
        )
    membership.delete()
    audit.record(AuditAction.UNASSIGN, actor=actor, object_type="physician", object_id=physician.pk, patient=locked)


@transaction.atomic
def care_team_reassign(
    *, actor: User, from_physician: Physician, to_physician: Physician, patients: list[Patient] | None = None
) -> list[Patient]:
    """Move patients from one physician's care to another's: the new physician joins each care team (unless already
    on it) and the old one leaves it. Without `patients`, every patient under the old physician's care (active or
    paused). One audit row per patient and change. Returns the patients moved."""
    _require_clinic_admin(actor, from_physician.clinic_id, to_physician.clinic_id)
    if from_physician.pk == to_physician.pk:
        raise DomainError("Choose a different physician to hand the patients over to.", code="same_physician")
    if patients is None:
        pks = CareTeamMembership.objects.filter(
            physician=from_physician, patient__status__in=selectors.UNDER_CARE
        ).values_list("patient_id", flat=True)
    else:
        if any(patient.clinic_id != actor.clinic_id for patient in patients):
            raise DomainError("That is not part of your clinic.", code="not_found")
        pks = [patient.pk for patient in patients]
    locked = _lock_patients(pks)
    _lock_active_physician(to_physician)
    leaving = {
        membership.patient_id: membership
        for membership in CareTeamMembership.objects.filter(physician=from_physician, patient__in=locked)
    }
    if patients is None:
        # Read again under the lock: a patient discharged meanwhile stays with their physician.
        locked = [patient for patient in locked if patient.status in selectors.UNDER_CARE and patient.pk in leaving]
    else:
        strangers = [patient for patient in locked if patient.pk not in leaving]
        if strangers:
            names = ", ".join(str(patient) for patient in strangers)
            raise DomainError(f"{from_physician} is not on the care team of {names}.", code="not_member")
    already = set(
        CareTeamMembership.objects.filter(physician=to_physician, patient__in=locked).values_list(
            "patient_id", flat=True
        )
    )
    CareTeamMembership.objects.bulk_create(
        CareTeamMembership(patient=patient, physician=to_physician, clinic_id=patient.clinic_id)
        for patient in locked
        if patient.pk not in already
    )
    CareTeamMembership.objects.filter(pk__in=[leaving[patient.pk].pk for patient in locked]).delete()
    events = []
    for patient in locked:
        if patient.pk not in already:
            events.append(
                audit.event(
                    AuditAction.ASSIGN,
                    actor=actor,
                    object_type="physician",
                    object_id=to_physician.pk,
                    patient=patient,
                    detail=f"hand-over from physician {from_physician.pk}",
                )
            )
        events.append(
            audit.event(
                AuditAction.UNASSIGN,
                actor=actor,
                object_type="physician",
                object_id=from_physician.pk,
                patient=patient,
                detail=f"hand-over to physician {to_physician.pk}",
            )
        )
    audit.record_many(events)
    return locked


def _patient_status_move(*, actor: User, patient: Patient, to: str, reason: str, action: AuditAction) -> Patient:
    (locked,) = _lock_patients([patient.pk])
    was = locked.status
    if to not in PATIENT_STATUS_MOVES[was]:
        raise DomainError(
            f"{locked} is {locked.get_status_display().lower()}; "
            f"their status cannot become {PatientStatus(to).label.lower()}.",
            code="status",
        )
    if (
        to == PatientStatus.ACTIVE
        and not CareTeamMembership.objects.filter(patient=locked, physician__user__is_active=True).exists()
    ):
        raise DomainError(f"Assign an active physician to {locked} before resuming their treatment.")
    if not Patient.objects.filter(pk=locked.pk, status=was).update(status=to):
        raise DomainError(f"{locked}'s status changed meanwhile. Please look again.", code="conflict")
    PatientStatusChange.objects.create(patient=locked, from_status=was, to_status=to, reason=reason, changed_by=actor)
    # Which way the status moved, never why: the reason is health information and stays in the record.
    audit.record(
        action, actor=actor, object_type="patient", object_id=locked.pk, patient=locked, detail=f"{was} → {to}"
    )
    patient.status = to
    return patient


@transaction.atomic
def patient_discharge(*, actor: User, patient: Patient, reason: str) -> Patient:
    """End a patient's treatment at the clinic. Their records stay readable, their care team stays as it was."""
    _require_clinic_admin(actor, patient.clinic_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give the reason for the discharge.", code="reason")
    return _patient_status_move(
        actor=actor, patient=patient, to=PatientStatus.DISCHARGED, reason=reason, action=AuditAction.DISCHARGE
    )


@transaction.atomic
def patient_status_set(*, actor: User, patient: Patient, status: str, reason: str = "") -> Patient:
    """Pause or resume a patient's treatment (a discharge is `patient_discharge`)."""
    _require_clinic_admin(actor, patient.clinic_id)
    if status not in (PatientStatus.ACTIVE, PatientStatus.PAUSED):
        raise DomainError("A patient's treatment can be paused or resumed here; discharge is its own step.")
    return _patient_status_move(
        actor=actor, patient=patient, to=status, reason=(reason or "").strip(), action=AuditAction.UPDATE
    )
