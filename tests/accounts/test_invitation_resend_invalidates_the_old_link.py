"""A resend emails a new link with a new expiry; the earlier link stops working at once."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import AuditAction, AuditEvent, Invitation, Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import BASE_URL, STRONG_PASSWORD, invite, token_in

SENT = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)


def test_the_old_link_dies_and_the_new_one_works(clinic_admin, django_capture_on_commit_callbacks):
    with time_machine.travel(SENT, tick=False):
        invitation, old_token = invite(
            django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
        )
    # Eight days later the first link has expired; a resend gives a fresh week.
    resent_at = SENT + timedelta(days=8)
    with time_machine.travel(resent_at, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            invitations.invitation_resend(actor=clinic_admin, invitation=invitation, base_url=BASE_URL)
        new_token = token_in(mail.outbox[-1])
        assert new_token != old_token
        invitation.refresh_from_db()
        assert invitation.expires_at == resent_at + timedelta(days=7)
        assert invitation.token_hash == Invitation.hash_token(new_token)
        assert Invitation.objects.count() == 1

        with pytest.raises(DomainError) as refused:
            invitations.invitation_accept(token=old_token, password=STRONG_PASSWORD)
        assert refused.value.code == "unknown"
        assert not User.objects.filter(email="ops@example.test").exists()

        invitations.invitation_accept(token=new_token, password=STRONG_PASSWORD)
    assert User.objects.filter(email="ops@example.test").exists()
    assert [m.to for m in mail.outbox] == [["ops@example.test"], ["ops@example.test"]]
    assert AuditEvent.objects.filter(action=AuditAction.INVITE, detail="resent").count() == 1


def test_an_accepted_or_revoked_invitation_is_not_resent(clinic_admin, django_capture_on_commit_callbacks):
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    invitations.invitation_revoke(actor=clinic_admin, invitation=invitation)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError, match="revoked"):
        invitations.invitation_resend(actor=clinic_admin, invitation=invitation, base_url=BASE_URL)
    assert len(mail.outbox) == 1


def test_the_resend_button_sends_a_new_email(client, clinic_admin, django_capture_on_commit_callbacks):
    invitation, old_token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    client.force_login(clinic_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_resend", kwargs={"invitation_pk": invitation.pk}), {"next": reverse("clinic")}
        )
    assert response["Location"] == reverse("clinic")
    assert len(mail.outbox) == 2
    assert token_in(mail.outbox[-1]) != old_token
    old_link = client.get(reverse("invitation_accept", kwargs={"token": old_token}))
    assert old_link.status_code == 404


def test_the_next_address_must_be_on_this_site(client, clinic_admin, django_capture_on_commit_callbacks):
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    client.force_login(clinic_admin)
    response = client.post(
        reverse("invitation_resend", kwargs={"invitation_pk": invitation.pk}), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("invitation_list")
