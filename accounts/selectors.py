"""Reads about people and clinics that pages, API views and tasks share. Query counts do not grow with rows."""

from allauth.mfa.models import Authenticator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import CareTeamMembership, Patient, PatientStatus, Physician, Role, User


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
    """The patients this person may see, with their care teams, by name."""
    patients = Patient.objects.visible_to(user)
    if status:
        patients = patients.filter(status=status)
    return _with_care_team(patients).order_by("user__full_name", "pk")


def patient_get(*, user: User, pk: int) -> Patient:
    """One patient this person may see; anyone else gets a 404, never a hint that the patient exists."""
    return get_object_or_404(_with_care_team(Patient.objects.visible_to(user)), pk=pk)


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
