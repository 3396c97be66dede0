"""The page an invitation link opens: the clinic and role, a password form; accepting signs the person in — patients
land on Today, staff are sent to set up two-factor authentication first."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, Role, User
from tests.accounts.invitation_helpers import PHYSICIAN_PROFILE, STRONG_PASSWORD, invite, patient_profile


@pytest.fixture
def patient_token(clinic_admin, physician, django_capture_on_commit_callbacks):
    _, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="rosa@example.test",
        full_name="Rosa Diaz",
        role=Role.PATIENT,
        profile=patient_profile(physician),
    )
    return token


def _accept(client, token, password=STRONG_PASSWORD, confirm=None, follow=False):
    return client.post(
        reverse("invitation_accept", kwargs={"token": token}),
        {"password": password, "password_confirm": password if confirm is None else confirm},
        follow=follow,
    )


def test_the_page_names_the_clinic_and_the_role(client, patient_token):
    response = client.get(reverse("invitation_accept", kwargs={"token": patient_token}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Join Sunrise Pain Clinic on Anodyne" in body
    assert "as a patient" in body
    assert 'autocomplete="new-password"' in body
    assert "fibromyalgia" not in body.lower()
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_patient_lands_on_today_signed_in(client, patient_token):
    response = _accept(client, patient_token, follow=True)
    assert response.redirect_chain[-1][0] == reverse("today")
    assert "Rosa Diaz" in response.content.decode()
    user = User.objects.get(email="rosa@example.test")
    assert response.wsgi_request.user == user
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).exists()


def test_a_physician_is_sent_to_set_up_two_factor_authentication(
    client, clinic_admin, django_capture_on_commit_callbacks
):
    _, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="dr.chen@example.test",
        role=Role.PHYSICIAN,
        profile=PHYSICIAN_PROFILE,
    )
    response = _accept(client, token, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "Staff accounts need two-factor authentication" in response.content.decode()
    # The set-up does not ask for the password typed a moment ago (accounts.adapters).
    assert response.status_code == 200 and 'name="code"' in response.content.decode()


def test_passwords_that_differ_create_nothing(client, patient_token):
    response = _accept(client, patient_token, confirm="something-else-entirely-7")
    assert response.status_code == 200
    assert "The two passwords are not the same." in response.content.decode()
    assert not User.objects.filter(email="rosa@example.test").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [("short-pw", "too short"), ("123456789012345", "entirely numeric"), ("password1234", "too common")],
)
def test_djangos_password_rules_apply(client, patient_token, password, message):
    response = _accept(client, patient_token, password=password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="rosa@example.test").exists()


def test_someone_signed_in_is_asked_to_sign_out_first(client, patient_token, physician):
    client.force_login(physician.user)
    body = client.get(reverse("invitation_accept", kwargs={"token": patient_token})).content.decode()
    assert "sign out, then open the link" in body
    assert 'name="password"' not in body
    _accept(client, patient_token)
    assert not User.objects.filter(email="rosa@example.test").exists()
