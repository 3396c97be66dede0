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
