"""The physician's oversight loop in a real browser: Maya's dose is held for blood pressure; Dr. Rivera finds the
alert at the top of her dashboard, acknowledges it in place, opens Maya's chart, reviews the held session and signs
it off with a note. Screenshots of the dashboard and the chart at desktop and phone sizes are kept as artifacts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.treatment_cast import make_treatment_cast, no_horizontal_scroll, signed_in_staff
from tests.treatment.session_data import good_check
from treatment import services

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    cast = make_treatment_cast()
    services.session_check_before_dose(
        actor=cast.patient.user, patient=cast.patient, check=good_check(systolic=170, diastolic=105)
    )
    return cast


def test_the_physician_triages_a_held_dose_and_signs_the_session(page, mobile_page, live_server, cast, screenshot):
    signed_in_staff(page, live_server, cast.physician.user)
    page.goto(f"{live_server.url}/dashboard/")
    alerts = page.get_by_role("region", name=re.compile("Alerts needing attention"))
    held = alerts.get_by_role("listitem").filter(has=page.get_by_role("heading", name=re.compile("Dose held")))
    expect(held).to_be_visible()
    expect(held.get_by_role("link", name="Maya Patel", exact=True)).to_be_visible()
    expect(held.get_by_text("Nobody has acknowledged it yet.")).to_be_visible()
    roster = page.get_by_role("table", name=re.compile("Patients on your care teams"))
    expect(roster.get_by_role("row", name=re.compile("Maya Patel"))).to_be_visible()
    screenshot(page, "1-dashboard-desktop")

    # In place (htmx): the card changes, the page stays.
    held.get_by_role("button", name=re.compile("Acknowledge")).click()
    expect(held.get_by_text("Acknowledged by Elena Rivera.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    screenshot(page, "2-dashboard-acknowledged")

    held.get_by_role("link", name="Maya Patel", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/patients/{cast.patient.pk}/chart/$"))
    expect(page.get_by_role("heading", level=1, name=re.compile("Maya Patel"))).to_be_visible()
    screenshot(page, "3-chart-desktop")

    page.get_by_role("link", name=re.compile("Review and sign off")).first.click()
    expect(page.get_by_role("heading", name="Why this session needs an individual review")).to_be_visible()
    page.get_by_label("Note (optional)").fill("Held for 170/105. Called Maya: asymptomatic; recheck before next dose.")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_text(re.compile("Signed off")).first).to_be_visible()
    screenshot(page, "4-session-signed")

    page.goto(f"{live_server.url}/patients/{cast.patient.pk}/chart/")
    expect(page.get_by_text(re.compile("Held for 170/105")).first).to_be_visible()
    expect(page.get_by_text(re.compile("Signed off by Elena Rivera")).first).to_be_visible()
    screenshot(page, "5-chart-after-sign-off")

    signed_in_staff(mobile_page, live_server, cast.physician.user)
    mobile_page.goto(f"{live_server.url}/dashboard/")
    expect(mobile_page.get_by_role("heading", name=re.compile("Alerts needing attention"))).to_be_visible()
    assert no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "6-dashboard-phone")
    mobile_page.goto(f"{live_server.url}/patients/{cast.patient.pk}/chart/")
    expect(mobile_page.get_by_role("heading", level=1, name=re.compile("Maya Patel"))).to_be_visible()
    assert no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "7-chart-phone")
