"""What an invitation carries is checked with plain messages, and a refused invitation saves and sends nothing."""

import pytest
from django.core import mail

from accounts import invitations
from accounts.models import Invitation, Role
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import BASE_URL, PHYSICIAN_PROFILE, patient_profile


def _invite_patient(actor, profile, email="rosa@example.test"):
    return invitations.invitation_create(
        actor=actor, email=email, full_name="Rosa Diaz", role=Role.PATIENT, profile=profile, base_url=BASE_URL
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date_of_birth": "14/03/1979"}, "is not written YYYY-MM-DD"),
        ({"date_of_birth": "1979-02-30"}, "is not a real date"),
        ({"date_of_birth": "2999-01-01"}, "is in the future"),
        ({"date_of_birth": ""}, "Date of birth is missing"),
        ({"time_zone": "Mars/Olympus_Mons"}, "is not a time zone we know"),
        ({"primary_condition": "headache"}, "is not one we know"),
        ({"phone": "call me maybe"}, "is not a phone number"),
        ({"physician_ids": []}, "at least one physician"),
    ],
)
def test_a_bad_patient_detail_is_refused(clinic_admin, physician, django_capture_on_commit_callbacks, change, message):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError, match=message):
        _invite_patient(clinic_admin, patient_profile(physician, **change))
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_every_problem_is_named_at_once(clinic_admin, physician):
    with pytest.raises(DomainError) as refused:
        _invite_patient(clinic_admin, patient_profile(physician, time_zone="Nowhere", primary_condition="x"))
    assert "time zone" in refused.value.message and "Primary condition" in refused.value.message


def test_the_condition_may_be_given_by_its_label(clinic_admin, physician):
    invitation = _invite_patient(clinic_admin, patient_profile(physician, primary_condition="chronic MIGRAINE"))
    assert invitation.profile["primary_condition"] == "migraine"


def test_the_care_team_comes_from_the_clinics_active_physicians(
    clinic_admin, physician, other_physician, outside_physician
):
    with pytest.raises(DomainError, match="this clinic's physicians"):
        _invite_patient(clinic_admin, patient_profile(physician, outside_physician))
    other_physician.user.is_active = False
    other_physician.user.save()
    with pytest.raises(DomainError, match=r"Dr\. Daniel Okafor is deactivated"):
        _invite_patient(clinic_admin, patient_profile(physician, other_physician))
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"licence_state": "California"}, "two-letter"),
        ({"licence_number": ""}, "Licence number is missing"),
        ({"board_certification": " "}, "Board certification is missing"),
    ],
)
def test_a_bad_licence_is_refused(clinic_admin, change, message):
    with pytest.raises(DomainError, match=message):
        invitations.invitation_create(
            actor=clinic_admin,
            email="dr@example.test",
            full_name="Dr",
            role=Role.PHYSICIAN,
            profile=PHYSICIAN_PROFILE | change,
            base_url=BASE_URL,
        )


def test_a_licence_already_held_is_refused(clinic_admin, physician):
    with pytest.raises(DomainError, match="already has an account"):
        invitations.invitation_create(
            actor=clinic_admin,
            email="dr@example.test",
            full_name="Dr",
            role=Role.PHYSICIAN,
            profile=PHYSICIAN_PROFILE | {"licence_state": "CA", "licence_number": physician.licence_number},
            base_url=BASE_URL,
        )


@pytest.mark.parametrize(
    ("email", "name", "message"), [("not-an-email", "X", "is not an email"), ("a@b.test", " ", "Full name is missing")]
)
def test_the_address_and_name_are_checked(clinic_admin, email, name, message):
    with pytest.raises(DomainError, match=message):
        invitations.invitation_create(
            actor=clinic_admin, email=email, full_name=name, role=Role.CLINIC_ADMIN, base_url=BASE_URL
        )
