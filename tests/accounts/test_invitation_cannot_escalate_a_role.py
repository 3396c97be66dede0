"""The invitation alone decides the account's role and clinic: nothing the invitee posts changes them, and nobody
invites above their own reach (a physician invites patients only; patients and operators invite nobody)."""

import pytest
from django.urls import reverse

from accounts import invitations
from accounts.models import Invitation, Patient, Physician, Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import BASE_URL, PHYSICIAN_PROFILE, STRONG_PASSWORD, invite, patient_profile


def test_a_patient_link_never_creates_a_physician_whatever_is_posted(
    client, clinic_admin, physician, outside_clinic, django_capture_on_commit_callbacks
):
    _, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="rosa@example.test",
        role=Role.PATIENT,
        profile=patient_profile(physician),
    )
    client.post(
        reverse("invitation_accept", kwargs={"token": token}),
        {
            "password": STRONG_PASSWORD,
            "password_confirm": STRONG_PASSWORD,
            "role": Role.PHYSICIAN,
            "clinic": outside_clinic.pk,
            "clinic_id": outside_clinic.pk,
            "is_staff": "on",
            "is_superuser": "on",
            "email": "someone.else@example.test",
            "licence_number": "X1",
            "licence_state": "NY",
        },
    )
    user = User.objects.get(email="rosa@example.test")
    assert (user.role, user.clinic, user.is_staff, user.is_superuser) == (
        Role.PATIENT,
        clinic_admin.clinic,
        False,
        False,
    )
    assert Patient.objects.filter(user=user).exists()
    assert not Physician.objects.filter(user=user).exists()
    assert not User.objects.filter(email="someone.else@example.test").exists()


def test_a_physician_cannot_invite_a_physician_or_an_admin(physician, django_capture_on_commit_callbacks):
    for role, profile in [(Role.PHYSICIAN, PHYSICIAN_PROFILE), (Role.CLINIC_ADMIN, None)]:
        with pytest.raises(DomainError, match="Physicians can invite patients only"):
            invitations.invitation_create(
                actor=physician.user,
                email="x@example.test",
                full_name="X",
                role=role,
                profile=profile,
                base_url=BASE_URL,
            )
    assert not Invitation.objects.exists()


def test_the_physicians_invite_page_is_for_patients_only(client, physician):
    client.force_login(physician.user)
    for role in (Role.PHYSICIAN, Role.CLINIC_ADMIN):
        url = reverse("invitation_new", kwargs={"role": role})
        assert client.get(url).status_code == 403
        posted = client.post(url, {"full_name": "X", "email": "x@example.test", **PHYSICIAN_PROFILE})
        assert posted.status_code == 403
    assert client.get(reverse("invitation_new", kwargs={"role": Role.PATIENT})).status_code == 200
    assert client.get(reverse("invitation_new", kwargs={"role": "operator"})).status_code == 404
    assert not Invitation.objects.exists()


def test_a_physicians_patient_has_that_physician_on_their_care_team(
    physician, other_physician, django_capture_on_commit_callbacks
):
    invitation, token = invite(
        django_capture_on_commit_callbacks,
        actor=physician.user,
        email="rosa@example.test",
        role=Role.PATIENT,
        profile=patient_profile(other_physician),
    )
    assert invitation.profile["physician_ids"] == sorted([physician.pk, other_physician.pk])
    user = invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    assert {m.physician for m in user.patient.care_team_memberships.all()} == {physician, other_physician}


@pytest.mark.parametrize("inviter", ["patient", "operator"])
def test_patients_and_operators_invite_nobody(request, inviter, db):
    if inviter == "operator":
        actor = User.objects.create_superuser(email="ops@anodyne.test", password=STRONG_PASSWORD, full_name="Ops")
    else:
        actor = request.getfixturevalue("patient").user
    for role in (Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN):
        with pytest.raises(DomainError, match="cannot invite anyone"):
            invitations.invitation_create(
                actor=actor, email="x@example.test", full_name="X", role=role, base_url=BASE_URL
            )
    assert not Invitation.objects.exists()


def test_an_operator_role_cannot_be_invited(clinic_admin):
    with pytest.raises(DomainError):
        invitations.invitation_create(
            actor=clinic_admin, email="x@example.test", full_name="X", role=Role.OPERATOR, base_url=BASE_URL
        )


def test_a_deactivated_admin_invites_nobody(clinic_admin):
    clinic_admin.is_active = False
    clinic_admin.save()
    with pytest.raises(DomainError, match="cannot invite anyone"):
        invitations.invitation_create(
            actor=clinic_admin, email="x@example.test", full_name="X", role=Role.CLINIC_ADMIN, base_url=BASE_URL
        )


def test_the_invitation_is_for_the_inviters_own_clinic(
    clinic_admin, outside_clinic, django_capture_on_commit_callbacks
):
    # There is no way to name another clinic: the service takes it from the actor.
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="x@example.test", role=Role.CLINIC_ADMIN
    )
    assert invitation.clinic_id == clinic_admin.clinic_id != outside_clinic.pk
