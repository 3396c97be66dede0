"""An invitation never moves an existing account into another clinic or role: an address that has an account — in
any clinic — or an open invitation here is refused."""

import pytest

from accounts import invitations
from accounts.models import Invitation, Role, User
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import BASE_URL, STRONG_PASSWORD, invite, patient_profile


def _invite(actor, email, role=Role.CLINIC_ADMIN, profile=None):
    return invitations.invitation_create(
        actor=actor, email=email, full_name="Someone", role=role, profile=profile, base_url=BASE_URL
    )


@pytest.mark.parametrize("email", ["lucia@harbor.test", "LUCIA@Harbor.test", "maya@sunrise.test"])
def test_an_address_with_an_account_is_refused(clinic_admin, physician, patient, outside_patient, email):
    with pytest.raises(DomainError, match="An account with this email already exists"):
        _invite(clinic_admin, email, Role.PATIENT, patient_profile(physician))
    assert not Invitation.objects.exists()
    outside_patient.user.refresh_from_db()
    assert outside_patient.user.clinic != clinic_admin.clinic


def test_an_address_with_an_open_invitation_is_refused(clinic_admin, django_capture_on_commit_callbacks):
    invite(django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN)
    with pytest.raises(DomainError, match="already has an open invitation"):
        _invite(clinic_admin, "Ops@Example.test")
    assert Invitation.objects.count() == 1


def test_an_account_made_after_the_invitation_stops_the_acceptance(
    clinic_admin, outside_physician, django_capture_on_commit_callbacks
):
    # Another clinic's invitation to the same person was accepted first.
    _, token = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="twice@example.test", role=Role.CLINIC_ADMIN
    )
    existing = User.objects.create_user(
        email="twice@example.test", full_name="Twice", role=Role.CLINIC_ADMIN, clinic=outside_physician.clinic
    )
    with pytest.raises(DomainError, match="already exists"):
        invitations.invitation_accept(token=token, password=STRONG_PASSWORD)
    existing.refresh_from_db()
    assert existing.clinic == outside_physician.clinic
    assert not existing.has_usable_password()
