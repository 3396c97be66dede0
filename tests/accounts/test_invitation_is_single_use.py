"""An invitation link works once: a second use creates nothing and says so in plain words."""

import pytest
from django.urls import reverse

from accounts import invitations
from accounts.models import Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import STRONG_PASSWORD, invite


@pytest.fixture
def used_token(clinic_admin, django_capture_on_commit_callbacks):
    _, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    return token


def test_a_second_acceptance_is_refused(used_token):
    with pytest.raises(DomainError, match="already been used") as refused:
        invitations.invitation_accept(token=used_token, password="another-password-entirely-9")
    assert refused.value.code == "used"
    assert User.objects.filter(email="ops@example.test").count() == 1
    assert User.objects.get(email="ops@example.test").check_password(STRONG_PASSWORD)


def test_the_used_link_shows_a_plain_explanation(client, used_token):
    response = client.get(reverse("invitation_accept", kwargs={"token": used_token}))
    assert response.status_code == 410
    body = response.content.decode()
    assert "already been used" in body
    assert "Ask your clinic for a new invitation" in body
    assert 'name="password"' not in body

    posted = client.post(
        reverse("invitation_accept", kwargs={"token": used_token}),
        {"password": "another-password-entirely-9", "password_confirm": "another-password-entirely-9"},
    )
    assert posted.status_code == 410
    assert User.objects.get(email="ops@example.test").check_password(STRONG_PASSWORD)


def test_an_unknown_token_is_a_plain_404(client, db):
    response = client.get(reverse("invitation_accept", kwargs={"token": "not-a-token-anyone-issued"}))
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()
    with pytest.raises(DomainError) as refused:
        invitations.invitation_accept(token="not-a-token-anyone-issued", password=STRONG_PASSWORD)
    assert refused.value.code == "unknown"
