"""Reads about people and clinics that pages, API views and tasks share. Query counts do not grow with rows."""

from allauth.mfa.models import Authenticator
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts import audit
from accounts.models import (
    AuditAction,
    AuditEvent,
    AuditOutcome,
    CareTeamMembership,
    Patient,
    PatientStatus,
    PatientStatusChange,
    Physician,
    Role,
    User,
)


def _with_care_team(patients: QuerySet) -> QuerySet:
    return patients.select_related("user", "clinic").prefetch_related(
        Prefetch(
            "care_team_memberships",
            queryset=CareTeamMembership.objects.select_related("physician__user").order_by(
                "physician__user__full_name"
            ),
        )
    )


def patient_list(*, user: User, status: str | None = None) -> QuerySet:
    """The patients this person may see, with their care teams, by name. Not audited: see `patient_page`."""
    patients = Patient.objects.visible_to(user)
    if status:
        patients = patients.filter(status=status)
    return _with_care_team(patients).order_by("user__full_name", "pk")


def patient_page(*, user: User, page_number, status: str | None = None, page_size: int = 50) -> Page:
    """One page of `patient_list`; each patient shown is an audited access to their record."""
    page = Paginator(patient_list(user=user, status=status), page_size).get_page(page_number)
    audit.patients_listed(actor=user, patients=page.object_list)
    return page


def patient_get(*, user: User, pk: int) -> Patient:
    """One patient this person may see, audited; anyone else gets a 404 (audited as denied), never a hint that
    the patient exists."""
    patient = _with_care_team(Patient.objects.visible_to(user)).filter(pk=pk).first()
    if patient is None:
        audit.record(AuditAction.VIEW, actor=user, object_type="patient", object_id=pk, outcome=AuditOutcome.DENIED)
        raise Http404("No such patient.")
    audit.record(AuditAction.VIEW, actor=user, object_type="patient", object_id=patient.pk, patient=patient)
    return patient


def care_team_for(*, user: User) -> QuerySet:
    """A patient's own physicians."""
    return Physician.objects.visible_to(user).select_related("user").order_by("user__full_name")


def clinic_staff(*, user: User) -> QuerySet:
    """A clinic admin's view of their clinic's staff: role, whether MFA is on, how many patients each oversees."""
    if user.role != Role.CLINIC_ADMIN:
        return User.objects.none()
    return (
        User.objects.filter(clinic_id=user.clinic_id, role__in=[Role.PHYSICIAN, Role.CLINIC_ADMIN])
        .select_related("physician")
        .annotate(
            has_mfa=Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)),
            patient_count=Count(
                "physician__care_team_memberships",
                filter=Q(physician__care_team_memberships__patient__status=PatientStatus.ACTIVE),
            ),
        )
        .order_by("role", "full_name")
    )


def audit_search(
    *,
    user: User,
    patient: str = "",
    actor: str = "",
    action: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet:
    """A clinic admin's search of their clinic's audit trail, newest first. Text matches name or email."""
    if user.role != Role.CLINIC_ADMIN:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(clinic_id=user.clinic_id)
    if patient:
        events = events.filter(
            Q(patient__user__full_name__icontains=patient) | Q(patient__user__email__icontains=patient)
        )
    if actor:
        events = events.filter(Q(actor__full_name__icontains=actor) | Q(actor_email__icontains=actor))
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events.select_related("actor", "patient__user").order_by("-at", "-pk")


def accesses_to_own_record(*, user: User) -> QuerySet:
    """For a patient: who on the clinic's staff viewed, listed, changed or exported their record (their right to an
    accounting of access), newest first."""
    if user.role != Role.PATIENT:
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(
            patient__user=user,
            outcome=AuditOutcome.SUCCESS,
            actor_role__in=[Role.PHYSICIAN, Role.CLINIC_ADMIN],
        )
        .select_related("actor")
        .order_by("-at", "-pk")
    )


# --- Account lifecycle and care teams: the clinic admin's pages (the writes are in accounts.services) ---------------

# The patients a physician is responsible for. A discharged patient keeps their care team as the record of who cared
# for them, so nobody hands them over.
UNDER_CARE = (PatientStatus.ACTIVE, PatientStatus.PAUSED)


def clinic_member_get(*, user: User, pk: int, roles) -> User:
    """A person of the clinic admin's own clinic with one of `roles`; anyone or anything else is a 404."""
    member = None
    if user.role == Role.CLINIC_ADMIN:
        member = User.objects.filter(pk=pk, clinic_id=user.clinic_id, role__in=roles).first()
    if member is None:
        raise Http404("No such person in your clinic.")
    return member


def clinic_physician_get(*, user: User, user_pk: int) -> Physician:
    """A physician of the clinic admin's own clinic, by their account's id; anyone else is a 404."""
    physician = None
    if user.role == Role.CLINIC_ADMIN:
        physician = Physician.objects.visible_to(user).filter(user_id=user_pk).select_related("user").first()
    if physician is None:
        raise Http404("No such physician in your clinic.")
    return physician


def patients_needing_handover(*, physician: Physician) -> QuerySet:
    """Active patients who would have no active physician left without this one (their care team's last one)."""
    another_active_physician = CareTeamMembership.objects.filter(
        patient=OuterRef("pk"), physician__user__is_active=True
    ).exclude(physician=physician)
    return Patient.objects.filter(
        care_team_memberships__physician=physician, status=PatientStatus.ACTIVE, clinic_id=physician.clinic_id
    ).exclude(Exists(another_active_physician))


def physician_patients(*, user: User, physician: Physician) -> list[Patient]:
    """A physician's patients under care as a clinic admin sees them before a hand-over, by name. Each patient
    listed is an audited access to their record."""
    patients = list(
        _with_care_team(
            Patient.objects.visible_to(user).filter(care_team_memberships__physician=physician, status__in=UNDER_CARE)
        ).order_by("user__full_name", "pk")
    )
    audit.patients_listed(actor=user, patients=patients)
    return patients


def physicians_to_choose(*, user: User, not_on_care_team_of: Patient | None = None, exclude=None) -> QuerySet:
    """The clinic's active physicians by name: the choices of an assignment or a hand-over."""
    physicians = Physician.objects.visible_to(user).filter(user__is_active=True)
    if not_on_care_team_of is not None:
        physicians = physicians.exclude(care_team_memberships__patient=not_on_care_team_of)
    if exclude is not None:
        physicians = physicians.exclude(pk=exclude.pk)
    return physicians.select_related("user").order_by("user__full_name", "pk")


def patient_status_history(*, patient: Patient) -> QuerySet:
    """Who paused, resumed or discharged this patient, when and why, newest first. Read only after `patient_get`."""
    return (
        PatientStatusChange.objects.filter(patient=patient).select_related("changed_by").order_by("-changed_at", "-pk")
    )
