"""Reactivating someone lets them sign in again; the sessions ended by the deactivation stay ended."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent
from tests.accounts.sign_in_helpers import is_signed_in, sign_in_through_the_form


@pytest.mark.parametrize("who", ["patient", "other_physician"])
def test_a_reactivated_person_signs_in_again(request, client, who, clinic_admin):
    user = request.getfixturevalue(who).user
    services.user_deactivate(actor=clinic_admin, user=user)

    services.user_reactivate(actor=clinic_admin, user=user)

    sign_in_through_the_form(client, user)
    assert is_signed_in(client)
    actions = list(
        AuditEvent.objects.filter(object_type="user", object_id=str(user.pk), actor=clinic_admin)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.DEACTIVATE, AuditAction.REACTIVATE]


def test_a_session_ended_by_the_deactivation_does_not_come_back(patient, clinic_admin):
    old_browser = Client()
    sign_in_through_the_form(old_browser, patient.user)
    services.user_deactivate(actor=clinic_admin, user=patient.user)

    services.user_reactivate(actor=clinic_admin, user=patient.user)

    assert not is_signed_in(old_browser)


def test_the_reactivation_page_does_it_after_a_confirmation(client, other_physician, clinic_admin):
    services.user_deactivate(actor=clinic_admin, user=other_physician.user)
    client.force_login(clinic_admin)
    url = reverse("staff_reactivate", kwargs={"user_pk": other_physician.user.pk})

    page = client.get(url)
    other_physician.user.refresh_from_db()
    assert page.status_code == 200
    assert b"Reactivate Daniel Okafor" in page.content
    assert not other_physician.user.is_active  # the confirmation page changes nothing

    assert client.post(url)["Location"] == reverse("clinic")
    other_physician.user.refresh_from_db()
    assert other_physician.user.is_active
