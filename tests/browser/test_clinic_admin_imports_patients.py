"""A clinic admin imports patients from a CSV file: the preview names a bad row and offers no import; the corrected
file is imported after confirming; an imported patient opens the emailed link on a phone and lands on Today.

The admin's session comes from Django's test client, as in test_clinic_admin_invites_a_physician.py.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Invitation
from tests.factories import ClinicFactory, PhysicianFactory, UserFactory, give_totp

pytestmark = pytest.mark.browser

HEADER = "email,full_name,date_of_birth,time_zone,primary_condition,phone,physician_email"
GOOD = [
    "rosa@example.test,Rosa Diaz,1979-03-14,America/Denver,Fibromyalgia,+1 555 0142,rivera@sunrise.test",
    "tom@example.test,Tom Becker,1966-11-02,America/New_York,crps,,rivera@sunrise.test",
]
BAD = "tom@example.test,Tom Becker,02/11/1966,America/Gotham,crps,,nobody@sunrise.test"


def csv_file(*lines):
    return {"name": "patients.csv", "mimeType": "text/csv", "buffer": "\n".join([HEADER, *lines]).encode()}


@pytest.fixture
def admin(transactional_db):
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise")
    admin = UserFactory(clinic=clinic, full_name="Alex Morgan", email="admin@sunrise.test")
    give_totp(admin)
    PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera", user__email="rivera@sunrise.test")
    return admin


def test_a_clinic_admin_imports_patients_who_accept_on_a_phone(page, mobile_page, live_server, admin, screenshot):
    client = Client()
    client.force_login(admin)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])

    page.goto(f"{live_server.url}/clinic/")
    page.get_by_role("link", name="Import patients from a CSV file").click()
    expect(page.get_by_role("heading", name="Import patients from a CSV file")).to_be_visible()
    page.get_by_label("CSV file").set_input_files(csv_file(GOOD[0], BAD))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_text("2 rows: 1 ready, 1 with problems.")).to_be_visible()
    problems = page.get_by_role("table", name="Rows with problems")
    expect(problems.get_by_text("Date of birth “02/11/1966” is not written YYYY-MM-DD.")).to_be_visible()
    expect(problems.get_by_text("nobody@sunrise.test is not a physician of Sunrise Pain Clinic.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Invite these"))).to_have_count(0)
    screenshot(page, "1-preview-with-problems")

    page.get_by_role("link", name="upload the file again").click()
    page.get_by_label("CSV file").set_input_files(csv_file(*GOOD))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("2 rows: 2 ready, 0 with problems.")).to_be_visible()
    screenshot(page, "2-preview-ready")
    assert not Invitation.objects.exists()
    page.get_by_role("button", name="Invite these 2 patients").click()

    expect(page).to_have_url(f"{live_server.url}/invitations/")
    expect(page.get_by_text("2 patients invited.")).to_be_visible()
    screenshot(page, "3-invitations")
    assert sorted(m.to[0] for m in mail.outbox) == ["rosa@example.test", "tom@example.test"]

    [to_rosa] = [m for m in mail.outbox if m.to == ["rosa@example.test"]]
    assert "fibromyalgia" not in to_rosa.body.lower()
    link = re.search(r"https?://\S+/invitations/[A-Za-z0-9_-]+/", to_rosa.body).group(0)
    phone = mobile_page
    phone.goto(link)
    expect(phone.get_by_text("has invited you to join as a patient")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "4-accept-on-a-phone")
    phone.get_by_label("Password:", exact=True).fill("lantern-orchard-velvet-42")
    phone.get_by_label("Password again").fill("lantern-orchard-velvet-42")
    phone.get_by_role("button", name="Create my account").click()

    expect(phone).to_have_url(f"{live_server.url}/today/")
    expect(phone.get_by_role("heading", name="Hello, Rosa Diaz")).to_be_visible()
    expect(phone.get_by_role("region", name="Your care team").get_by_text("Dr. Elena Rivera")).to_be_visible()
    screenshot(phone, "5-today")
