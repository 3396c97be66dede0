"""A physician's first sign-in: staff must set up an authenticator app before they reach any patient data."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.factories import PASSWORD, ClinicFactory, PatientFactory, PhysicianFactory, give_totp

pytestmark = pytest.mark.browser

EMAIL = "new.physician@sunrise.test"


@pytest.fixture
def new_physician(transactional_db):
    """A physician invited to the clinic who has not set up two-factor authentication yet."""
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise")
    physician = PhysicianFactory(clinic=clinic, user__full_name="Priya Shah", user__email=EMAIL)
    PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician])
    return physician


def sign_in_with_password(page, email):
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def expect_dashboard_with_patient(page, live_server):
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", name="Your patients")).to_be_visible()
    roster = page.get_by_role("table", name="Patients on your care teams")
    expect(roster.get_by_role("rowheader", name="Maya Patel")).to_be_visible()


def test_physician_sets_up_totp_at_first_sign_in(page, live_server, new_physician, screenshot):
    page.goto(f"{live_server.url}/dashboard/")
    sign_in_with_password(page, EMAIL)

    # Signed in, but sent to the set-up page instead of the dashboard, with no second password prompt: a sign-in
    # seconds ago is recent enough (accounts.adapters.AccountAdapter.is_reauthentication_required).
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_text("Staff accounts need two-factor authentication")).to_be_visible()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()

    # The dashboard stays out of reach until the authenticator is set up.
    page.goto(f"{live_server.url}/dashboard/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    screenshot(page, "activate-totp")

    # What an authenticator app does with the secret it is given.
    secret = page.locator("#authenticator_secret").input_value()
    assert secret
    page.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Activate").click()

    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    screenshot(page, "recovery-codes")
    page.get_by_role("link", name="Back to Anodyne").click()

    expect_dashboard_with_patient(page, live_server)
    screenshot(page, "dashboard")
    assert Authenticator.objects.filter(user=new_physician.user, type=Authenticator.Type.TOTP).count() == 1


def test_physician_with_totp_gives_a_code_at_sign_in(page, live_server, new_physician, screenshot):
    # Set up as on the activate page, with a secret of its own: no code from another test can be replayed.
    secret = give_totp(new_physician.user)

    page.goto(f"{live_server.url}/dashboard/")
    sign_in_with_password(page, EMAIL)

    # The password alone is not enough: allauth's second stage asks for the authenticator code.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    # Until the code is given the dashboard is out of reach: allauth sends the pending sign-in back to this stage.
    page.goto(f"{live_server.url}/dashboard/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    screenshot(page, "mfa-authenticate")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign In").click()

    expect_dashboard_with_patient(page, live_server)

    # Signing out ends the session: the dashboard asks for sign-in again.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{live_server.url}/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
