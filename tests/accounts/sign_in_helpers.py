"""Signing someone in as their browser would: the sign-in form, then the authenticator code for staff."""

import pyotp
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD


def sign_in_through_the_form(client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password was refused"
    if response["Location"] == reverse("mfa_authenticate"):
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        secret = get_mfa_adapter().decrypt(authenticator.data["secret"])
        response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
        assert response.status_code == 302, "the authenticator code was refused"
    assert is_signed_in(client)


def is_signed_in(client) -> bool:
    """What the next request finds: a page of the account (200), or a redirect to the sign-in page."""
    response = client.get(reverse("home"))
    return response.status_code == 302 and not response["Location"].startswith(reverse("account_login"))
