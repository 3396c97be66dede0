"""On a phone, a patient with twelve weeks of history opens Progress from the navigation: pain with session
markers, change from baseline, PHQ-9, GAD-7 and daily MME charts, each with its table; nothing scrolls sideways."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from tests.browser.conftest import ARTIFACTS_DIR
from tests.browser.treatment_cast import make_treatment_cast, no_horizontal_scroll, sign_in_as_patient
from tests.monitoring.outcome_data import response, session

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    cast = make_treatment_cast()
    patient = cast.patient
    first = timezone.now() - dt.timedelta(days=84)
    response(patient, "peg3", "7.7", first - dt.timedelta(days=2))
    response(patient, "nrs", 8, first - dt.timedelta(days=2))
    response(patient, "phq9", 14, first - dt.timedelta(days=2), band="moderate")
    response(patient, "gad7", 11, first - dt.timedelta(days=2), band="moderate")
    oxy = services.opioid_medicine_add(actor=patient.user, patient=patient, drug="oxycodone",
                                       mg_per_dose=Decimal(20), doses_per_day=3,
                                       started_on=(first - dt.timedelta(days=60)).date())  # fmt: skip
    for week in range(12):
        start = first + dt.timedelta(days=7 * week)
        session(patient, start, pain_before=max(8 - week // 2, 3))
        session(patient, start + dt.timedelta(days=3, hours=2), pain_before=max(7 - week // 2, 3))
        response(patient, "nrs", max(6 - week // 2, 2), start + dt.timedelta(days=1))
        response(patient, "peg3", str(max(Decimal("7.3") - Decimal("0.4") * week, Decimal(3))),
                 start + dt.timedelta(days=5))  # fmt: skip
        if week % 2:
            phq9 = max(13 - week, 3)
            response(patient, "phq9", phq9, start + dt.timedelta(days=4),
                     band="moderate" if phq9 >= 10 else "mild" if phq9 >= 5 else "minimal")  # fmt: skip
            gad7 = max(10 - week, 2)
            response(patient, "gad7", gad7, start + dt.timedelta(days=4),
                     band="moderate" if gad7 >= 10 else "mild" if gad7 >= 5 else "minimal")  # fmt: skip
        if week in (3, 8):
            oxy = services.opioid_medicine_change(actor=patient.user, medicine=oxy,
                                                  mg_per_dose=oxy.mg_per_dose / 2, doses_per_day=3,
                                                  changed_on=start.date())  # fmt: skip
    return cast


def test_a_patient_reads_their_progress_on_a_phone(mobile_page, live_server, cast, screenshot):
    page = mobile_page
    sign_in_as_patient(page, live_server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name="Your progress", level=1)).to_be_visible()
    for title in ("Pain over time", "Change in pain from your starting point", "Mood (PHQ-9)", "Anxiety (GAD-7)",
                  "Opioid medicines: daily MME"):  # fmt: skip
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    images = page.get_by_role("img")
    expect(images).to_have_count(5)
    expect(page.get_by_role("img", name="Daily MME: 3 changes")).to_be_visible()
    expect(page.get_by_role("table", name="Total daily morphine milligram equivalents")).to_be_visible()
    for box in (images.nth(n).bounding_box() for n in range(5)):
        assert box["width"] <= 390 and box["height"] > 100
    assert no_horizontal_scroll(page)
    screenshot(page, "progress")
    for key in ("pain", "change", "phq9", "mme"):
        section = page.locator(f"section[aria-labelledby='chart-{key}-heading']")
        section.screenshot(path=str(ARTIFACTS_DIR / f"progress-on-a-phone--{key}.png"))
