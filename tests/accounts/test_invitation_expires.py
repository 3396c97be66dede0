"""An invitation works for ANODYNE_INVITATION_DAYS (7 by default) and not a minute longer."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import STRONG_PASSWORD, invite

SENT = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)


@pytest.fixture
def sent_token(clinic_admin, django_capture_on_commit_callbacks):
    with time_machine.travel(SENT, tick=False):
        _, token = invite(
            django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
        )
    return token


def test_the_link_works_until_the_seventh_day_ends(sent_token):
    with time_machine.travel(SENT + timedelta(days=7, seconds=-1), tick=False):
        invitations.invitation_accept(token=sent_token, password=STRONG_PASSWORD)
    assert User.objects.filter(email="ops@example.test").exists()


def test_an_expired_link_creates_nothing(sent_token):
    with time_machine.travel(SENT + timedelta(days=7), tick=False), pytest.raises(DomainError, match="expired") as e:
        invitations.invitation_accept(token=sent_token, password=STRONG_PASSWORD)
    assert e.value.code == "expired"
    assert not User.objects.filter(email="ops@example.test").exists()


def test_an_expired_link_asks_for_a_new_invitation(client, sent_token):
    with time_machine.travel(SENT + timedelta(days=8), tick=False):
        response = client.get(reverse("invitation_accept", kwargs={"token": sent_token}))
    assert response.status_code == 410
    body = response.content.decode()
    assert "This invitation has expired." in body
    assert "Ask your clinic for a new invitation" in body
