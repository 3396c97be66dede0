"""A patient signs in on a phone and sees Today: their care team and how to reach the clinic, nothing off-screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, ClinicFactory, PatientFactory, PhysicianFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def patient_at_home(transactional_db):
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise", contact_phone="+1 555 0100")
    physician = PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera")
    return PatientFactory(
        clinic=clinic, user__full_name="Maya Patel", user__email="maya@sunrise.test", care_team=[physician]
    )


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_patient_signs_in_on_a_phone_and_sees_today(mobile_page, live_server, patient_at_home, screenshot):
    page = mobile_page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert no_horizontal_scroll(page)
    screenshot(page, "sign-in")

    page.get_by_label("Email").fill("maya@sunrise.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Hello, Maya Patel")).to_be_visible()
    care_team = page.get_by_role("region", name="Your care team")
    expect(care_team.get_by_text("Dr. Elena Rivera")).to_be_visible()
    expect(page.get_by_role("link", name="+1 555 0100")).to_have_attribute("href", "tel:+1 555 0100")
    expect(page.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    assert no_horizontal_scroll(page)
    screenshot(page, "today")


def test_the_page_can_be_used_from_the_keyboard(mobile_page, live_server, patient_at_home):
    page = mobile_page
    page.goto(f"{live_server.url}/accounts/login/")
    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # Landmarks a screen reader lists.
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
