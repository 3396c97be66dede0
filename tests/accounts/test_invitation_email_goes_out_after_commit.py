"""The invitation email is sent only once the invitation is saved for good: a rolled-back invitation emails nobody."""

import pytest
from django.core import mail
from django.db import transaction

from accounts import invitations
from accounts.models import Invitation, Role
from tests.accounts.invitation_helpers import BASE_URL


def test_no_email_before_the_transaction_commits(clinic_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitations.invitation_create(
            actor=clinic_admin, email="later@example.test", full_name="Later", role=Role.CLINIC_ADMIN, base_url=BASE_URL
        )
        assert mail.outbox == []
    assert mail.outbox == []
    assert Invitation.objects.get().sent_at is None

    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["later@example.test"]]
    assert Invitation.objects.get().sent_at is not None


def test_a_rolled_back_invitation_sends_nothing(clinic_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        invitations.invitation_create(
            actor=clinic_admin, email="never@example.test", full_name="Never", role=Role.CLINIC_ADMIN, base_url=BASE_URL
        )
        raise RuntimeError("something later in the same transaction failed")
    assert not Invitation.objects.exists()
    assert mail.outbox == []
