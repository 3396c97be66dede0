"""Operators see consent versions and signatures in the Django admin but cannot add, change or delete them."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory, give_totp


@pytest.fixture
def operator(db):
    user = UserFactory(role=Role.OPERATOR, clinic=None, is_staff=True, is_superuser=True)
    give_totp(user)
    return user


@pytest.mark.parametrize("model", ["consentversion", "consentsignature"])
def test_the_admin_lists_but_never_edits(client, operator, signed_v1, model):
    client.force_login(operator)
    assert client.get(reverse(f"admin:treatment_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:treatment_{model}_add")).status_code == 403
    obj = signed_v1 if model == "consentsignature" else signed_v1.consent_version
    change = client.get(reverse(f"admin:treatment_{model}_change", args=[obj.pk]))
    assert change.status_code == 200 and "Save" not in change.content.decode()
    assert client.post(reverse(f"admin:treatment_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
