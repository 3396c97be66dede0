"""Sign-ins, failed sign-ins, sign-outs and two-factor changes are in the audit trail."""

import pyotp
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.factories import PASSWORD, PhysicianFactory


def test_a_sign_in_is_audited(client, patient):
    client.post(reverse("account_login"), {"login": patient.user.email, "password": PASSWORD})
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=patient.user).count() == 1


def test_a_failed_sign_in_is_audited_with_the_address_typed(client, patient):
    client.post(reverse("account_login"), {"login": "nobody@example.test", "password": "wrong-password-1"})
    row = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (row.actor, row.actor_email, row.outcome) == (None, "nobody@example.test", AuditOutcome.FAILURE)


def test_signing_out_is_audited(client, patient):
    client.force_login(patient.user)
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=patient.user).exists()


def test_setting_up_two_factor_authentication_is_audited(client, clinic, django_capture_on_commit_callbacks):
    physician = PhysicianFactory(clinic=clinic)
    client.post(reverse("account_login"), {"login": physician.user.email, "password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after its transaction commits
        client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ADDED, actor=physician.user).exists()
