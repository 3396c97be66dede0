"""A clinic admin invites a physician; the physician accepts from the email, sets up two-factor authentication and
reaches the dashboard; the admin puts an existing patient on their care team and the physician sees that patient.

The admin's browser gets a session made by Django's test client (force_login) as a cookie: signing in with a
password and an authenticator code is covered by test_physician_sets_up_totp_at_first_sign_in.py, and this test
is about what comes after. The physician signs in only through the invitation, in a fresh browser context.
The live server answers in a thread of this process, so the invitation email lands in django.core.mail.outbox.
"""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Invitation, Physician, Role
from tests.factories import ClinicFactory, PatientFactory, PhysicianFactory, UserFactory, give_totp

pytestmark = pytest.mark.browser

NEW_EMAIL = "priya.shah@sunrise.test"
NEW_PASSWORD = "lantern-orchard-velvet-42"


@pytest.fixture
def sunrise(transactional_db):
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise")
    admin = UserFactory(clinic=clinic, full_name="Alex Morgan", email="admin@sunrise.test")
    give_totp(admin)
    rivera = PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera", user__email="rivera@sunrise.test")
    give_totp(rivera.user)
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[rivera])
    return admin, patient


def sign_in_with_a_session_cookie(context, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])


def test_a_clinic_admin_invites_a_physician_who_joins_and_sees_their_patient(
    page, browser, browser_context_args, live_server, sunrise, screenshot
):
    admin, patient = sunrise
    sign_in_with_a_session_cookie(page.context, live_server, admin)

    # The clinic page: pending invitations and the way to invite.
    page.goto(f"{live_server.url}/clinic/")
    expect(page.get_by_role("heading", name="Pending invitations")).to_be_visible()
    expect(page.get_by_text("No invitations are waiting to be accepted.")).to_be_visible()
    screenshot(page, "1-clinic-page")
    page.get_by_role("link", name="Invite a physician").click()

    expect(page.get_by_role("heading", name="Invite a physician")).to_be_visible()
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label("Licence number").fill("A987654")
    page.get_by_label("Licence state").fill("CA")
    page.get_by_label("Board certification").fill("Anesthesiology — Pain Medicine")
    screenshot(page, "2-invite-form")
    page.get_by_role("button", name="Send invitation").click()

    expect(page).to_have_url(f"{live_server.url}/invitations/")
    expect(page.get_by_text(f"Invitation sent to Priya Shah ({NEW_EMAIL}).")).to_be_visible()
    listed = page.get_by_role("table", name="Invitations, newest first").get_by_role(
        "row", name=re.compile("Priya Shah")
    )
    expect(listed.get_by_text("Pending")).to_be_visible()
    expect(listed.get_by_role("button", name=f"Resend to {NEW_EMAIL}")).to_be_visible()
    screenshot(page, "3-invitation-list")

    # The email: only the clinic's name and the link.
    [message] = mail.outbox
    assert message.to == [NEW_EMAIL]
    assert "You have been invited to join Sunrise Pain Clinic on Anodyne" in message.body
    link = re.search(r"https?://\S+/invitations/[A-Za-z0-9_-]+/", message.body).group(0)
    assert link.startswith(live_server.url)

    # The physician, in a browser of their own.
    context = browser.new_context(**browser_context_args)
    doctor = context.new_page()
    doctor.goto(link)
    expect(doctor.get_by_role("heading", name="Join Sunrise Pain Clinic on Anodyne")).to_be_visible()
    expect(doctor.get_by_text("has invited you to join as a physician")).to_be_visible()
    screenshot(doctor, "4-accept-invitation")
    doctor.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    doctor.get_by_label("Password again").fill(NEW_PASSWORD)
    doctor.get_by_role("button", name="Create my account").click()

    # Signed in, and sent to set up an authenticator before anything else (no second password prompt).
    expect(doctor).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(doctor.get_by_text("Staff accounts need two-factor authentication")).to_be_visible()
    screenshot(doctor, "5-set-up-totp")
    secret = doctor.locator("#authenticator_secret").input_value()
    doctor.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    doctor.get_by_role("button", name="Activate").click()
    expect(doctor).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    doctor.get_by_role("link", name="Back to Anodyne").click()

    expect(doctor).to_have_url(f"{live_server.url}/dashboard/")
    expect(doctor.get_by_text("0 patients on your care teams.")).to_be_visible()
    screenshot(doctor, "6-empty-dashboard")

    physician = Physician.objects.get(user__email=NEW_EMAIL)
    assert (physician.user.role, physician.clinic, physician.licence_number) == (
        Role.PHYSICIAN,
        admin.clinic,
        "A987654",
    )
    assert Authenticator.objects.filter(user=physician.user, type=Authenticator.Type.TOTP).exists()
    assert Invitation.objects.get().status == "accepted"

    # The admin sees the invitation accepted, and adds Maya Patel to Dr. Shah's patients.
    page.goto(f"{live_server.url}/invitations/")
    expect(listed.get_by_text("Accepted")).to_be_visible()
    page.goto(f"{live_server.url}/patients/{patient.pk}/care-team/")
    page.get_by_role("combobox", name="Add a physician").select_option(
        label="Dr. Priya Shah — Anesthesiology — Pain Medicine"
    )
    page.get_by_role("button", name="Add to the care team").click()
    expect(page.get_by_text("Dr. Priya Shah joined Maya Patel's care team.")).to_be_visible()
    screenshot(page, "7-care-team")

    doctor.reload()
    roster = doctor.get_by_role("table", name="Patients on your care teams")
    expect(roster.get_by_role("rowheader", name="Maya Patel")).to_be_visible()
    screenshot(doctor, "8-dashboard-with-patient")
    context.close()
