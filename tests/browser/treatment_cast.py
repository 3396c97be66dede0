"""The people the treatment browser tests need, made through the services: a clinic with a published consent, a
physician with TOTP, and Maya with a signed consent and an active plan (tests/treatment/plan_data.py)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Patient, Physician
from tests.factories import PASSWORD, ClinicFactory, PatientFactory, PhysicianFactory, UserFactory, give_totp
from tests.treatment.plan_data import PLAN
from treatment import services


@dataclass
class TreatmentCast:
    physician: Physician
    patient: Patient


def make_treatment_cast() -> TreatmentCast:
    clinic = ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise", contact_phone="+1 555 0100")
    admin = UserFactory(clinic=clinic, full_name="Alex Morgan", email="admin@sunrise.test")
    give_totp(admin)
    physician = PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera", user__email="rivera@sunrise.test")
    give_totp(physician.user)
    patient = PatientFactory(
        clinic=clinic, user__full_name="Maya Patel", user__email="maya@sunrise.test", care_team=[physician]
    )
    consent = services.consent_publish(actor=admin, clinic=clinic, text="I understand that a sitter stays with me.")
    services.consent_sign(patient_user=patient.user, consent_version=consent, typed_name="Maya Patel")
    services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    return TreatmentCast(physician=physician, patient=patient)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_in_as_patient(page, live_server, email="maya@sunrise.test"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/today/$"))


def signed_in_staff(page, live_server, user):
    """A staff member's session created server-side and handed to the browser (the TOTP sign-in is tested in
    test_physician_sets_up_totp_at_first_sign_in.py)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )  # fmt: skip


def fill_the_pre_dose_check(page, *, systolic: str, diastolic: str, heart_rate: str = "72", pain: str = "6"):
    page.get_by_label("An adult sitter is with me and will stay during the session").check()
    page.get_by_label("Your sitter's name").fill("Sam Patel")
    page.get_by_label("Your sitter's phone").fill("+1 555 0101")
    page.get_by_label("I will not drive for 24 hours").check()
    page.get_by_label("I have not eaten for 2 hours").check()
    page.get_by_label("No alcohol, sedatives, opioids beyond my usual prescription or other drugs today").check()
    page.get_by_label("I am in a safe and quiet setting").check()
    page.get_by_label("Systolic (upper number, mmHg)").fill(systolic)
    page.get_by_label("Diastolic (lower number, mmHg)").fill(diastolic)
    page.get_by_label("Heart rate (per minute)").fill(heart_rate)
    page.get_by_role("group", name="Your pain right now").get_by_label(pain, exact=True).check()
