"""Invitations through the API, as on the invitation pages (accounts.invitations): a clinic admin invites a patient
(with their care team), a physician or a clinic admin; the email goes out after the invitation is saved, with a
single-use link and no health information; the problems of a bad invitation are named together and nothing is
saved. A physician invites patients only and sees only their own invitations. Resend gives a new link, revoke
closes it (a second revoke is a 409)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation
from tests.api.staff_data import invitation_of, login, write

pytestmark = pytest.mark.django_db

PATIENT = {
    "email": "ana.lima@example.org",
    "full_name": "Ana Lima",
    "role": "patient",
    "profile": {"date_of_birth": "1979-04-02", "time_zone": "America/Chicago", "primary_condition": "fibromyalgia"},
}


def _invite(client, body):
    return write(client, "post", reverse("api:invitation_list"), body)


def test_a_clinic_admin_invites_a_patient_and_the_email_goes_out(
    client, clinic_admin, physician, django_capture_on_commit_callbacks
):
    login(client, clinic_admin)
    body = {**PATIENT, "profile": {**PATIENT["profile"], "physician_ids": [physician.pk]}}
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, body)
    assert response.status_code == 201, response.content
    assert (response.json()["role"], response.json()["status"]) == ("patient", "pending")
    (message,) = mail.outbox
    assert message.to == ["ana.lima@example.org"]
    assert "fibromyalgia" not in message.body.lower()
    assert Invitation.objects.get().profile["physician_ids"] == [physician.pk]


def test_the_problems_of_a_bad_invitation_are_named_together(client, clinic_admin):
    login(client, clinic_admin)
    body = {**PATIENT, "profile": {"date_of_birth": "02/04/1979", "time_zone": "Mars/Olympus"}}
    response = _invite(client, body)
    assert response.status_code == 400
    detail = response.json()["errors"][0]["detail"]
    for words in ("YYYY-MM-DD", "Mars/Olympus", "Primary condition is missing", "at least one physician"):
        assert words in detail
    assert not Invitation.objects.exists()


def test_a_physician_invites_patients_only_and_sees_their_own(client, clinic_admin, physician):
    invitation_of(clinic_admin)
    login(client, physician)
    refused = _invite(client, {"email": "x@example.org", "full_name": "X", "role": "clinic_admin"})
    assert refused.status_code == 403
    assert _invite(client, PATIENT).status_code == 201
    listed = client.get(reverse("api:invitation_list")).json()["results"]
    assert [invitation["email"] for invitation in listed] == ["ana.lima@example.org"]


def test_resend_gives_a_new_link_and_revoke_closes_it(client, clinic_admin):
    invitation = invitation_of(clinic_admin)
    old_hash = invitation.token_hash
    login(client, clinic_admin)
    resend = reverse("api:invitation_resend", kwargs={"invitation_pk": invitation.pk})
    revoke = reverse("api:invitation_revoke", kwargs={"invitation_pk": invitation.pk})
    assert write(client, "post", resend).status_code == 200
    invitation.refresh_from_db()
    assert invitation.token_hash != old_hash
    response = write(client, "post", revoke)
    assert response.json()["status"] == "revoked"
    assert write(client, "post", revoke).status_code == 409
    pending = client.get(reverse("api:invitation_list"), {"pending": "true"}).json()["results"]
    assert pending == []
