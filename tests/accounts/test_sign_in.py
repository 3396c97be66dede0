"""Signing in: email and password, verified addresses only, no hint whether an account exists, rate limited."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, PatientFactory


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_patient_signs_in_with_email_and_password_and_lands_on_today(client, patient):
    response = sign_in(client, patient.user.email)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("today")


def test_the_email_address_is_not_case_sensitive(client, patient):
    assert sign_in(client, patient.user.email.upper()).status_code == 302


def test_a_physician_lands_on_the_dashboard(client, physician):
    # Staff with an authenticator are asked for its code after the password.
    response = sign_in(client, physician.user.email)
    assert response["Location"] == reverse("mfa_authenticate")


def test_a_wrong_password_says_nothing_about_which_part_was_wrong(client, patient):
    response = sign_in(client, patient.user.email, "not-the-password")
    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content
    assert "_auth_user_id" not in client.session


def test_an_unverified_email_address_cannot_sign_in(client, clinic, physician):
    unverified = PatientFactory(clinic=clinic, care_team=[physician], user__verified_email=False)
    response = sign_in(client, unverified.user.email)
    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("account_email_verification_sent")


def test_nobody_can_sign_up_without_an_invitation(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.test", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert b"Sign Up Closed" in response.content


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_answers_the_same_for_unknown_addresses(client, patient, known):
    email = patient.user.email if known else "nobody@example.test"
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response["Location"] == reverse("account_reset_password_done")
    # An email is sent either way: to the account, or a "no account here" note, so the page reveals nothing.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]


def test_repeated_failed_sign_ins_are_rate_limited(client, patient, settings):
    for _ in range(5):
        sign_in(client, patient.user.email, "wrong-password-1")
    response = sign_in(client, patient.user.email)  # even the right password is refused for a while
    assert response.status_code == 429 or b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_in_the_product():
    # The test settings use a fast hasher; this is the product's own list.
    import anodyne.settings as product_settings

    assert product_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_the_django_admin_signs_in_through_allauth(client):
    response = client.get("/admin/")
    login = client.get(response["Location"])
    assert login["Location"].startswith(reverse("account_login"))
