"""A patient on a phone answers a PHQ-9 with item 9 = 1: the next screen leads with the crisis line (988) and the
emergency number (911) before anything else, and their physician finds a critical suicidality alert on /alerts/."""

import pytest
from playwright.sync_api import expect

from tests.browser.treatment_cast import make_treatment_cast, no_horizontal_scroll, sign_in_as_patient, signed_in_staff
from tests.monitoring.survey_data import assign, install_instruments

pytestmark = pytest.mark.browser

# PHQ-9 answers by question number: the label of the option chosen (CLINICAL.md section 1).
ANSWERS = {1: "Several days", 2: "Several days", 3: "Not at all", 4: "More than half the days", 5: "Not at all",
           6: "Not at all", 7: "Several days", 8: "Not at all", 9: "Several days"}  # fmt: skip


@pytest.fixture
def cast(transactional_db):
    install_instruments()
    cast = make_treatment_cast()
    cast.assignment = assign(cast.patient, "phq9")
    return cast


def test_crisis_resources_come_first_and_the_physician_is_alerted(mobile_page, page, live_server, cast, screenshot):
    phone = mobile_page
    sign_in_as_patient(phone, live_server)
    expect(phone.get_by_role("heading", name="Check-ins due")).to_be_visible()
    phone.get_by_role("link", name="Patient Health Questionnaire-9").first.click()

    expect(phone.get_by_text("Question 1 of 10")).to_be_visible()
    for number, label in ANSWERS.items():
        question = phone.get_by_role("group").filter(has_text=f"Question {number} of 10")
        question.get_by_label(label, exact=True).check()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "1-phq9")
    phone.get_by_role("button", name="Send my answers").click()

    crisis = phone.get_by_role("alert")
    expect(crisis).to_contain_text("Call or text 988 (the 988 Suicide & Crisis Lifeline in the US)")
    expect(crisis).to_contain_text("In an emergency call 911")
    expect(crisis.get_by_role("link", name="988").first).to_have_attribute("href", "tel:988")
    expect(crisis.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    main_text = phone.locator("main").inner_text()
    assert main_text.index("988") < main_text.index("911") < main_text.index("Your care team has been told")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "2-crisis")

    signed_in_staff(page, live_server, cast.physician.user)
    page.goto(f"{live_server.url}/alerts/")
    alert = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Suicidality · Maya Patel"))
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Critical")
    screenshot(page, "3-alerts")
