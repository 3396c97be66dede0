"""Accepting creates the account the invitation describes — role, clinic, profile and care team — with a verified
email address, and marks the invitation accepted, audited."""

from datetime import date

from allauth.account.models import EmailAddress

from accounts import invitations
from accounts.models import AuditAction, AuditEvent, Condition, Invitation, Patient, Role, User
from tests.accounts.invitation_helpers import PHYSICIAN_PROFILE, STRONG_PASSWORD, invite, patient_profile


def test_a_patient_invitation_creates_the_patient_with_their_care_team(
    clinic_admin, physician, other_physician, django_capture_on_commit_callbacks
):
    invitation, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="rosa@example.test",
        full_name="Rosa Diaz",
        role=Role.PATIENT,
        profile=patient_profile(physician, other_physician),
    )

    user = invitations.invitation_accept(token=token, password=STRONG_PASSWORD)

    assert (user.email, user.full_name, user.role, user.clinic) == (
        "rosa@example.test",
        "Rosa Diaz",
        Role.PATIENT,
        clinic_admin.clinic,
    )
    assert user.check_password(STRONG_PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    patient = Patient.objects.get(user=user)
    assert patient.clinic == clinic_admin.clinic
    assert patient.date_of_birth == date(1979, 3, 14)
    assert patient.time_zone == "America/Denver"
    assert patient.primary_condition == Condition.FIBROMYALGIA
    assert patient.phone == "+1 555 0142"
    assert {m.physician for m in patient.care_team_memberships.all()} == {physician, other_physician}
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.accepted_user == user
    assert invitation.profile == {}  # no second copy of the patient's details
    accepted = AuditEvent.objects.get(action=AuditAction.INVITE_ACCEPTED)
    assert (accepted.actor, accepted.patient, accepted.object_id) == (user, patient, str(invitation.pk))
    created = AuditEvent.objects.get(action=AuditAction.CREATE, actor=user)
    assert (created.object_type, created.object_id, created.patient) == ("patient", str(patient.pk), patient)


def test_a_physician_invitation_creates_the_physician_with_their_licence(
    clinic_admin, django_capture_on_commit_callbacks
):
    _, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="dr.chen@example.test",
        full_name="Wei Chen",
        role=Role.PHYSICIAN,
        profile=PHYSICIAN_PROFILE,
    )
    user = invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    assert (user.role, user.clinic) == (Role.PHYSICIAN, clinic_admin.clinic)
    assert (user.physician.licence_state, user.physician.licence_number) == ("CA", "G765432")
    assert user.physician.clinic == clinic_admin.clinic
    assert not hasattr(user, "patient")


def test_a_clinic_admin_invitation_creates_a_clinic_admin(clinic_admin, django_capture_on_commit_callbacks):
    _, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    user = invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    assert (user.role, user.clinic, user.is_staff) == (Role.CLINIC_ADMIN, clinic_admin.clinic, False)
    assert Invitation.objects.get().accepted_user == user
    assert User.objects.filter(email="ops@example.test").count() == 1
