"""On a phone, a patient whose pre-dose check passed presses "I need help": the page leads with the emergency number,
then the sitter's name and phone, then the clinic's phone, and says the care team has been told; their physician
finds the critical alert at the top of the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.treatment_cast import (
    fill_the_pre_dose_check,
    make_treatment_cast,
    no_horizontal_scroll,
    sign_in_as_patient,
    signed_in_staff,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    return make_treatment_cast()


def test_a_patient_asks_for_help_and_the_physician_sees_it(mobile_page, page, live_server, cast, screenshot):
    phone = mobile_page
    sign_in_as_patient(phone, live_server)
    phone.get_by_role("link", name="Start a session").click()
    fill_the_pre_dose_check(phone, systolic="128", diastolic="82")
    phone.get_by_role("button", name="Check if I may dose").click()
    expect(phone.get_by_role("heading", name="You may take your dose of 50 mg (sublingual)")).to_be_visible()
    help_button = phone.get_by_role("button", name="I need help")
    expect(help_button).to_be_visible()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "1-in-progress")

    help_button.click()
    emergency = phone.get_by_role("link", name="Call 911")
    expect(emergency).to_be_visible()
    expect(emergency).to_have_attribute("href", "tel:911")
    expect(phone.get_by_role("link", name="+1 555 0101")).to_have_attribute("href", "tel:+15550101")
    expect(phone.get_by_text("Sam Patel")).to_be_visible()
    expect(phone.get_by_role("link", name="+1 555 0100")).to_have_attribute("href", "tel:+15550100")
    expect(phone.get_by_text("Your care team has been told.")).to_be_visible()
    # The emergency number is above the sitter, the sitter above the clinic, the clinic above "told".
    tops = [
        locator.bounding_box()["y"]
        for locator in (
            emergency,
            phone.get_by_role("link", name="+1 555 0101"),
            phone.get_by_role("link", name="+1 555 0100"),
            phone.get_by_text("Your care team has been told."),
        )
    ]
    assert tops == sorted(tops)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "2-help")

    signed_in_staff(page, live_server, cast.physician.user)
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_text("Maya Patel asked for help during a session.")).to_be_visible()
    screenshot(page, "3-dashboard")
