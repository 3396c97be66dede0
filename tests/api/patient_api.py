"""Helpers for the tests of the patient's side of the API: JSON requests with an Idempotency-Key, and patients ready
to dose (the clinic's consent signed, an active plan) as tests/treatment/conftest.py makes Maya ready."""

import uuid
from decimal import Decimal

from django.utils import timezone

from tests.treatment.conftest import CONSENT_V1
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import ConsentVersion

SESSIONS = "/api/v1/sessions/"
ADVERSE_EVENTS = "/api/v1/adverse-events/"
SURVEYS_DUE = "/api/v1/surveys/due/"

# The API's pre-dose check that passes every gate of the test plan (tests/treatment/session_data.py good_check()).
GOOD_CHECK = {
    "sitter_present": True,
    "sitter_name": "Sam Patel",
    "sitter_phone": "+1 555 0101",
    "no_driving": True,
    "fasted": True,
    "no_alcohol_or_sedatives": True,
    "safe_setting": True,
    "systolic": 128,
    "diastolic": 82,
    "heart_rate": 72,
    "pain_now": 6,
}

GOOD_ENTRY = {"dose_mg": "50", "route": "sublingual", "dissociation": 4, "pain_after": 3}


def new_key() -> str:
    return str(uuid.uuid4())


def post(client, path: str, body: dict | None = None, *, key: str | None = "new"):
    """POST JSON with an Idempotency-Key (a fresh one unless given; None sends none)."""
    headers = {} if key is None else {"Idempotency-Key": new_key() if key == "new" else key}
    return client.post(path, body or {}, content_type="application/json", headers=headers)


def session_url(session_id: int, action: str = "") -> str:
    return f"{SESSIONS}{session_id}/" + (f"{action}/" if action else "")


def attrs(response) -> set[str | None]:
    return {error["attr"] for error in response.json()["errors"]}


def sign_consent(patient, clinic_admin) -> None:
    """The clinic's current consent (published once), signed by the patient with their full name."""
    version = ConsentVersion.objects.filter(clinic=patient.clinic).order_by("-version").first()
    if version is None:
        version = services.consent_publish(actor=clinic_admin, clinic=patient.clinic, text=CONSENT_V1)
    services.consent_sign(patient_user=patient.user, consent_version=version, typed_name=patient.user.full_name)


def make_ready(patient, physician, clinic_admin):
    """Consent signed and the test plan active: nothing but the check itself can hold."""
    sign_consent(patient, clinic_admin)
    return services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)


def dose_taken(patient, *, at=None):
    """A completed session, checked and dosed at `at` (now by default): the service's own two steps."""
    from tests.treatment.session_data import good_check

    at = at or timezone.now()
    session = services.session_check_before_dose(
        actor=patient.user, patient=patient, check=good_check(checked_at=at)
    ).session
    return services.session_log_dose(
        actor=patient.user, session=session, dose_mg=Decimal(50), route="sublingual", taken_at=at,
        dissociation=3, pain_after=2,
    )  # fmt: skip
