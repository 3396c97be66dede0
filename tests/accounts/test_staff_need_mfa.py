"""Physicians, clinic admins and operators reach no page but the set-up until they have an authenticator app."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import DeactivateTOTPForm
from django.urls import reverse

from tests.factories import PASSWORD, PatientFactory, PhysicianFactory, UserFactory, give_totp


@pytest.fixture
def physician_without_mfa(clinic):
    return PhysicianFactory(clinic=clinic)


def test_a_physician_without_an_authenticator_is_sent_to_set_one_up(client, physician_without_mfa):
    client.force_login(physician_without_mfa.user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_physician_without_an_authenticator_cannot_open_a_patients_page(client, clinic, physician_without_mfa):
    patient = PatientFactory(clinic=clinic, care_team=[physician_without_mfa])
    client.force_login(physician_without_mfa.user)
    response = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_clinic_admin_without_an_authenticator_is_sent_to_set_one_up(client, clinic):
    client.force_login(UserFactory(clinic=clinic))
    assert client.get(reverse("clinic"))["Location"] == reverse("mfa_activate_totp")


def test_signing_in_leads_straight_to_the_set_up_page(client, physician_without_mfa):
    response = client.post(
        reverse("account_login"),
        {"login": physician_without_mfa.user.email, "password": PASSWORD},
        follow=True,
    )
    # Straight after signing in no reauthentication is needed: the page shows the secret to enter in the app.
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert b"authenticator_secret" in response.content


def test_once_set_up_the_physician_reaches_the_dashboard(client, physician_without_mfa):
    give_totp(physician_without_mfa.user)
    client.force_login(physician_without_mfa.user)
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_patient_needs_no_authenticator(client, patient):
    client.force_login(patient.user)
    assert client.get(reverse("today")).status_code == 200


def test_staff_cannot_switch_their_authenticator_off(physician):
    authenticator = Authenticator.objects.get(user=physician.user, type=Authenticator.Type.TOTP)
    form = DeactivateTOTPForm(data={}, authenticator=authenticator)
    assert not form.is_valid()


def test_a_patient_may_switch_their_optional_authenticator_off(patient):
    give_totp(patient.user)
    authenticator = Authenticator.objects.get(user=patient.user, type=Authenticator.Type.TOTP)
    assert DeactivateTOTPForm(data={}, authenticator=authenticator).is_valid()


def test_setting_up_later_in_a_session_asks_for_the_password_again(client, physician_without_mfa):
    # force_login stands for a session whose sign-in was not just now: the set-up asks to reauthenticate.
    client.force_login(physician_without_mfa.user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_recovery_codes_after_the_set_up_do_not_ask_for_the_password_again(client, physician_without_mfa):
    client.post(reverse("account_login"), {"login": physician_without_mfa.user.email, "password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200


def test_an_authenticator_from_before_this_sign_in_still_asks_for_the_password(client, patient):
    secret = give_totp(patient.user)
    client.post(reverse("account_login"), {"login": patient.user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert client.get(reverse("today")).status_code == 200  # signed in just now, with both factors
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
