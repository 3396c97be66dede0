"""Nobody resends or revokes an invitation outside their reach: another clinic's is a 404, and so is a colleague's
for a physician (physicians manage the invitations they sent)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import invitations
from accounts.models import Role
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import BASE_URL, invite, patient_profile
from tests.factories import UserFactory, give_totp


@pytest.fixture
def outside_admin(outside_clinic):
    admin = UserFactory(clinic=outside_clinic, full_name="Noor Haddad", email="admin@harbor.test")
    give_totp(admin)
    return admin


@pytest.fixture
def invitation(clinic_admin, django_capture_on_commit_callbacks):
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN
    )
    mail.outbox.clear()
    return invitation


@pytest.mark.parametrize("action", ["invitation_resend", "invitation_revoke"])
@pytest.mark.parametrize("outsider", ["outside_admin", "outside_physician", "physician", "patient"])
def test_an_outsider_gets_404_and_changes_nothing(
    client, request, invitation, action, outsider, django_capture_on_commit_callbacks
):
    person = request.getfixturevalue(outsider)
    client.force_login(getattr(person, "user", person))
    before = invitation.token_hash
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(action, kwargs={"invitation_pk": invitation.pk}))
    # A patient is refused the page itself; staff of another clinic (or a colleague) learn nothing: 404.
    assert response.status_code == (403 if outsider == "patient" else 404)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.token_hash) == ("pending", before)
    assert mail.outbox == []


def test_the_list_shows_only_the_own_clinics_invitations(client, outside_admin, invitation):
    client.force_login(outside_admin)
    body = client.get(reverse("invitation_list")).content.decode()
    assert "ops@example.test" not in body
    assert "0 invitations" in body


def test_the_services_refuse_too(outside_admin, physician, invitation):
    for actor in (outside_admin, physician.user):
        with pytest.raises(DomainError, match="not one you can change"):
            invitations.invitation_revoke(actor=actor, invitation=invitation)
        with pytest.raises(DomainError, match="not one you can change"):
            invitations.invitation_resend(actor=actor, invitation=invitation, base_url=BASE_URL)


def test_a_physician_manages_the_invitations_they_sent(client, physician, django_capture_on_commit_callbacks):
    sent, _ = invite(
        django_capture_on_commit_callbacks,
        actor=physician.user,
        email="rosa@example.test",
        role=Role.PATIENT,
        profile=patient_profile(),
    )
    client.force_login(physician.user)
    response = client.post(reverse("invitation_revoke", kwargs={"invitation_pk": sent.pk}))
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "revoked"
