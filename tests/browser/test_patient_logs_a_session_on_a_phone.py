"""On a phone, a patient logs a whole session: Today → Start a session → the pre-dose check → "You may take your
dose" → the post-dose entry with a mild side effect → the summary → the session on Today. Nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.treatment_cast import (
    fill_the_pre_dose_check,
    make_treatment_cast,
    no_horizontal_scroll,
    sign_in_as_patient,
)
from treatment.models import SessionStatus, TreatmentSession

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    return make_treatment_cast()


def test_a_patient_logs_a_full_session_on_a_phone(mobile_page, live_server, cast, screenshot):
    page = mobile_page
    sign_in_as_patient(page, live_server)
    start = page.get_by_role("link", name="Start a session")
    expect(start).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "1-today")

    start.click()
    expect(page.get_by_role("heading", name="Before your dose")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "2-check-empty")
    fill_the_pre_dose_check(page, systolic="128", diastolic="82")
    screenshot(page, "3-check-filled")
    page.get_by_role("button", name="Check if I may dose").click()

    expect(page.get_by_role("heading", name="You may take your dose of 50 mg (sublingual)")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "4-may-dose")

    page.get_by_role("link", name="I have taken my dose: log it").click()
    expect(page.get_by_role("heading", name="After your dose")).to_be_visible()
    expect(page.get_by_label("Dose taken (mg)")).to_have_value("50.0")
    page.get_by_role("group", name="How strongly did you feel detached").get_by_label("3", exact=True).check()
    page.get_by_role("group", name="Nausea").get_by_label("Mild").check()
    page.get_by_role("group", name="Your pain now, after the dose").get_by_label("2", exact=True).check()
    assert no_horizontal_scroll(page)
    screenshot(page, "5-after-filled")
    page.get_by_role("button", name="Save my session").click()

    expect(page.get_by_role("heading", name="Session logged")).to_be_visible()
    expect(page.get_by_text("Nausea: mild")).to_be_visible()
    expect(page.get_by_text("6 before → 2 after (out of 10)")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "6-summary")

    page.get_by_role("link", name="Back to Today").click()
    last_sessions = page.get_by_role("region", name="Your treatment session")
    expect(last_sessions.get_by_text("Completed")).to_be_visible()
    expect(last_sessions.get_by_text("50 mg", exact=False).last).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "7-today-after")

    session = TreatmentSession.objects.get(patient=cast.patient)
    assert session.status == SessionStatus.COMPLETED
    assert [(e.effect, e.severity) for e in session.side_effects.all()] == [("nausea", "mild")]
