"""The clinic admin's and the physician's invitation pages: the forms create invitations, the list and the clinic
page show them with their state — in a constant number of queries."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, Role
from tests.accounts.invitation_helpers import invite, patient_profile


def test_the_admin_invites_a_patient_with_the_form(client, clinic_admin, physician, django_capture_on_commit_callbacks):
    client.force_login(clinic_admin)
    page = client.get(reverse("invitation_new", kwargs={"role": Role.PATIENT}))
    assert "Dr. Elena Rivera" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_new", kwargs={"role": Role.PATIENT}),
            {
                "full_name": "Rosa Diaz",
                "email": "rosa@example.test",
                "date_of_birth": "1979-03-14",
                "time_zone": "America/Denver",
                "primary_condition": "crps",
                "phone": "",
                "physicians": [physician.pk],
            },
            follow=True,
        )
    assert response.redirect_chain[-1][0] == reverse("invitation_list")
    assert "Invitation sent to Rosa Diaz (rosa@example.test)." in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.profile["physician_ids"]) == (Role.PATIENT, [physician.pk])
    assert [m.to for m in mail.outbox] == [["rosa@example.test"]]


def test_a_refused_invitation_shows_why_and_keeps_the_input(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("invitation_new", kwargs={"role": Role.CLINIC_ADMIN}),
        {"full_name": "Maya Again", "email": "maya@sunrise.test"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "An account with this email already exists" in body
    assert 'value="Maya Again"' in body
    assert not Invitation.objects.exists()


def test_the_physicians_form_has_no_care_team_choice(client, physician, django_capture_on_commit_callbacks):
    client.force_login(physician.user)
    page = client.get(reverse("invitation_new", kwargs={"role": Role.PATIENT})).content.decode()
    assert "You will be on the patient's care team." in page
    assert 'name="physicians"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("invitation_new", kwargs={"role": Role.PATIENT}),
            {
                "full_name": "Rosa Diaz",
                "email": "rosa@example.test",
                "date_of_birth": "1979-03-14",
                "time_zone": "America/Denver",
                "primary_condition": "crps",
            },
        )
    assert Invitation.objects.get().profile["physician_ids"] == [physician.pk]
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("invitation_new", kwargs={"role": Role.PATIENT}) in dashboard


def test_the_list_shows_state_and_actions(client, clinic_admin, django_capture_on_commit_callbacks):
    invite(django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN)
    client.force_login(clinic_admin)
    body = client.get(reverse("invitation_list")).content.decode()
    assert "ops@example.test" in body and "Pending" in body
    assert "Resend" in body and "Revoke" in body


def test_the_clinic_page_shows_pending_invitations(client, clinic_admin, django_capture_on_commit_callbacks):
    invite(django_capture_on_commit_callbacks, actor=clinic_admin, email="ops@example.test", role=Role.CLINIC_ADMIN)
    client.force_login(clinic_admin)
    body = client.get(reverse("clinic")).content.decode()
    assert "Pending invitations" in body
    assert "1 invitation not yet accepted" in body
    assert "ops@example.test" in body
    assert reverse("patient_import") in body


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_runs_the_same_queries_for_few_or_many(
    client, clinic_admin, physician, django_assert_num_queries, django_capture_on_commit_callbacks, count
):
    for n in range(count):
        invite(
            django_capture_on_commit_callbacks,
            actor=clinic_admin,
            email=f"p{n}@example.test",
            role=Role.PATIENT,
            profile=patient_profile(physician),
        )
    client.force_login(clinic_admin)
    client.get(reverse("invitation_list"))  # settles the session clock
    # session, user, authenticator check (MFA middleware), count + page of invitations (with who sent and who
    # accepted each), the clinic (name in the page, emergency number in the footer).
    with django_assert_num_queries(6):
        assert client.get(reverse("invitation_list")).status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_the_clinic_page_reads_pending_invitations_in_one_query(
    client, clinic_admin, django_assert_num_queries, django_capture_on_commit_callbacks, count
):
    for n in range(count):
        invite(django_capture_on_commit_callbacks, actor=clinic_admin, email=f"a{n}@example.test", role="clinic_admin")
    client.force_login(clinic_admin)
    client.get(reverse("clinic"))
    # As in test_home_pages: session, user, authenticator, clinic, staff, the newest pending invitations with
    # their total (one query), count of patients (none here, so no page, care teams or audit).
    with django_assert_num_queries(7):
        body = client.get(reverse("clinic")).content.decode()
    assert f"{count} invitation{'s' if count > 1 else ''} not yet accepted" in body
