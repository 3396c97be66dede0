"""Mobile clients sign in through allauth's headless API and send its app token in X-Session-Token. A patient's
token works at once; a physician's password alone gives a token that reaches nothing until the second factor is
given, exactly as on the pages; a deactivated account's token stops working."""

import pyotp
import pytest
from django.urls import reverse

from accounts import services as account_services
from tests.factories import PASSWORD, PhysicianFactory, give_totp

pytestmark = pytest.mark.django_db

LOGIN = "/_allauth/app/v1/auth/login"
SECOND_FACTOR = "/_allauth/app/v1/auth/2fa/authenticate"


def _login(client, email):
    return client.post(LOGIN, {"email": email, "password": PASSWORD}, content_type="application/json")


def _me(client, token):
    return client.get(reverse("api:me"), HTTP_X_SESSION_TOKEN=token)


def test_a_patients_token_reaches_their_api(client, patient):
    response = _login(client, patient.user.email)
    assert response.status_code == 200
    token = response.json()["meta"]["session_token"]
    client.logout()
    assert _me(client, token).json()["patient_id"] == patient.pk


def test_a_physicians_token_reaches_nothing_before_the_second_factor(client, clinic):
    physician = PhysicianFactory(clinic=clinic)
    secret = give_totp(physician.user)
    response = _login(client, physician.user.email)
    assert response.status_code == 401
    body = response.json()
    assert any(flow["id"] == "mfa_authenticate" and flow.get("is_pending") for flow in body["data"]["flows"])
    token = body["meta"]["session_token"]
    assert _me(client, token).status_code == 401

    response = client.post(
        SECOND_FACTOR,
        {"code": pyotp.TOTP(secret).now()},
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=token,
    )
    assert response.status_code == 200
    token = response.json()["meta"].get("session_token", token)
    assert _me(client, token).json()["role"] == "physician"


def test_a_deactivated_accounts_token_stops_working(client, patient, clinic_admin):
    token = _login(client, patient.user.email).json()["meta"]["session_token"]
    assert _me(client, token).status_code == 200
    account_services.user_deactivate(actor=clinic_admin, user=patient.user)
    assert _me(client, token).status_code == 401
