"""On a phone: a patient is asked to sign the clinic's consent, signs it and goes on to Today; the clinic admin's
settings and consent pages fit the screen."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import PASSWORD, ClinicFactory, PatientFactory, PhysicianFactory, UserFactory, give_totp
from treatment import services

pytestmark = pytest.mark.browser


@pytest.fixture
def sunrise(transactional_db):
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise")
    admin = UserFactory(clinic=clinic, full_name="Alex Morgan", email="admin@sunrise.test")
    give_totp(admin)
    physician = PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera")
    patient = PatientFactory(
        clinic=clinic, user__full_name="Maya Patel", user__email="maya@sunrise.test", care_team=[physician]
    )
    services.consent_publish(
        actor=admin,
        clinic=clinic,
        text="I understand that ketamine is taken at home with a sitter present.\n\nI will not drive afterwards.",
    )
    return clinic, admin, patient


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_patient_signs_the_consent_before_today(mobile_page, live_server, sunrise, screenshot):
    page = mobile_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("maya@sunrise.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/consent/\?next="))
    expect(page.get_by_role("heading", name="Consent, version 1")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "consent")

    page.get_by_label("Type your full name to sign").fill("maya patel")
    page.get_by_role("button", name="Sign version 1").click()
    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_text("You signed version 1 of the consent.")).to_be_visible()


def _signed_in(page, live_server, user):
    """The admin's session, created server-side and handed to the browser (TOTP sign-in is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_settings_and_consent_pages_fit_a_phone(mobile_page, live_server, sunrise, screenshot):
    _, admin, _ = sunrise
    page = mobile_page
    _signed_in(page, live_server, admin)

    page.goto(f"{live_server.url}/clinic/settings/")
    expect(page.get_by_role("group", name="Safety defaults")).to_be_visible()
    page.get_by_label("Systolic blood pressure limit").fill("181")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "settings-error")

    page.goto(f"{live_server.url}/clinic/consent/")
    expect(page.get_by_role("heading", name="Current: version 1")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "consent-admin")
