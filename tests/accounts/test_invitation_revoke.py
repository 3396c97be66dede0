"""A revoked invitation's link stops working; the clinic may then invite the same address again."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import invitations
from accounts.models import AuditAction, AuditEvent, Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import STRONG_PASSWORD, invite, patient_profile


def test_a_revoked_link_creates_nothing(clinic_admin, physician, django_capture_on_commit_callbacks):
    invitation, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="ops@example.test",
        role=Role.PATIENT,
        profile=patient_profile(physician),
    )
    assert invitation.profile["date_of_birth"]
    invitations.invitation_revoke(actor=clinic_admin, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert invitation.profile == {}  # the patient's details go with the invitation
    with pytest.raises(DomainError, match="withdrawn") as refused:
        invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    assert refused.value.code == "revoked"
    assert not User.objects.filter(email="ops@example.test").exists()
    event = AuditEvent.objects.get(action=AuditAction.INVITE_REVOKED)
    assert (event.actor, event.object_id) == (clinic_admin, str(invitation.pk))


def test_revoking_twice_or_after_acceptance_is_refused(clinic_admin, django_capture_on_commit_callbacks):
    invitation, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    invitations.invitation_revoke(actor=clinic_admin, invitation=invitation)
    with pytest.raises(DomainError, match="already been revoked"):
        invitations.invitation_revoke(actor=clinic_admin, invitation=invitation)

    accepted, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops2@example.test", role=Role.CLINIC_ADMIN
    )
    invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    with pytest.raises(DomainError, match="already been accepted"):
        invitations.invitation_revoke(actor=clinic_admin, invitation=accepted)


def test_the_address_can_be_invited_again_after_a_revocation(clinic_admin, django_capture_on_commit_callbacks):
    first, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    invitations.invitation_revoke(actor=clinic_admin, invitation=first)
    second, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    assert second.pk != first.pk
    invitations.invitation_accept(token=token, password=STRONG_PASSWORD)


def test_the_revoke_button_posts_and_returns_to_the_list(client, clinic_admin, django_capture_on_commit_callbacks):
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    client.force_login(clinic_admin)
    assert client.get(reverse("invitation_revoke", kwargs={"invitation_pk": invitation.pk})).status_code == 405
    response = client.post(reverse("invitation_revoke", kwargs={"invitation_pk": invitation.pk}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("invitation_list")
    assert "was revoked" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert len(mail.outbox) == 1  # the original invitation only
