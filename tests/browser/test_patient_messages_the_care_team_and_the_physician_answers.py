"""On her phone, Maya writes to her care team from the Messages link, under the banner that messages are not for
emergencies; Dr. Rivera finds it unread in her inbox and answers; Maya sees who answered, by name and role."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.treatment_cast import make_treatment_cast, no_horizontal_scroll, sign_in_as_patient, signed_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    return make_treatment_cast()


def test_a_patient_writes_and_the_physician_answers(mobile_page, page, live_server, cast, screenshot):
    phone = mobile_page
    sign_in_as_patient(phone, live_server)
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Messages").click()
    expect(phone.get_by_text("Messages are not for emergencies. In an emergency call 911.")).to_be_visible()
    phone.get_by_role("link", name="Write to your care team").click()
    phone.get_by_label("Subject").fill("Evening dose")
    phone.get_by_label("Your message").fill("Can I take my next dose in the evening instead?")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("heading", name="Evening dose")).to_be_visible()
    expect(phone.get_by_text("Your care team has not answered yet.")).to_be_visible()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "1-sent")

    signed_in_staff(page, live_server, cast.physician.user)
    page.goto(f"{live_server.url}/inbox/")
    row = page.get_by_role("row").filter(has_text="Evening dose")
    expect(row.get_by_text("Unread")).to_be_visible()
    expect(row.get_by_role("link", name="Maya Patel")).to_be_visible()
    row.get_by_role("link", name="Evening dose").click()
    expect(page.get_by_text("Can I take my next dose in the evening instead?")).to_be_visible()
    page.get_by_label("Your message").fill("Yes, the evening is fine. Keep your sitter with you.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    screenshot(page, "2-answered")

    phone.get_by_role("link", name="← Messages").click()
    expect(phone.get_by_text(re.compile(r"Last answered by Dr\. Elena Rivera, your physician"))).to_be_visible()
    phone.get_by_role("link", name="Evening dose").click()
    expect(phone.get_by_text("Yes, the evening is fine. Keep your sitter with you.")).to_be_visible()
    expect(phone.get_by_text("Dr. Elena Rivera, your physician").first).to_be_visible()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "3-read")
