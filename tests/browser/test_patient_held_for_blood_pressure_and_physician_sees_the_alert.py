"""A patient with blood pressure 170/105 is held on their phone and sees why; their physician then finds the
dose-held and blood-pressure alerts on /alerts/."""

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


def test_a_held_patient_sees_why_and_the_physician_sees_the_alert(mobile_page, page, live_server, cast, screenshot):
    phone = mobile_page
    sign_in_as_patient(phone, live_server)
    phone.get_by_role("link", name="Start a session").click()
    fill_the_pre_dose_check(phone, systolic="170", diastolic="105")
    phone.get_by_role("button", name="Check if I may dose").click()

    expect(phone.get_by_role("heading", name="Do not take a dose now")).to_be_visible()
    expect(
        phone.get_by_text("Your blood pressure is 170/105. Your plan holds a dose when the upper number is above 160.")
    ).to_be_visible()
    expect(phone.get_by_text("Your plan holds a dose when the lower number is above 90.")).to_be_visible()
    expect(phone.get_by_text("Your care team has been told.")).to_be_visible()
    expect(phone.get_by_text("You may take your dose")).to_have_count(0)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "1-held")

    signed_in_staff(page, live_server, cast.physician.user)
    page.goto(f"{live_server.url}/alerts/")
    dose_held = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Dose held · Maya Patel"))
    expect(dose_held).to_be_visible()
    expect(dose_held.get_by_text("systolic blood pressure over the limit")).to_be_visible()
    expect(page.get_by_role("heading", name="Blood pressure · Maya Patel")).to_be_visible()
    screenshot(page, "2-alerts")

    page.goto(f"{live_server.url}/patients/{cast.patient.pk}/sessions/")
    expect(page.get_by_text("Your blood pressure is 170/105.").first).to_be_visible()
    screenshot(page, "3-patient-sessions")
