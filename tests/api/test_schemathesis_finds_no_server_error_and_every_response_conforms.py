"""Schemathesis against the live test server: for every operation of the OpenAPI schema, requests generated from the
schema — valid and invalid — as a signed-in patient, as a signed-in physician and as a signed-in clinic admin, never
get a server error, and every answer is one the schema documents: its status code, its content type and its body.

How it runs (issue 9, "Tests that must exist"):
- the schema is read from the running server (`/api/v1/schema/`), as a client generator would read it;
- each person signs in through allauth's headless app API as the mobile app does (staff give their TOTP code as
  the second factor), and every request carries the app token in `X-Session-Token`;
- the cast has a history, so that endpoints answer with real bodies: consent, an active plan, completed and held
  sessions, surveys due and answered, adverse events, opioids, open alerts, notes and a dispense. Path ids are drawn
  half the time from the ids of these records (Maya's, James's and an outsider's, which must be a 404) and
  otherwise generated;
- every operation of the schema runs (there is no DELETE; the schema and documentation views are not in it);
- bounded: a fixed seed and derandomized generation (the same command finds the same failure), the examples phase
  and EXAMPLES_PER_OPERATION fuzzed cases per operation and mode, no shrinking, no example database. Schemathesis'
  coverage phase is off: it enumerates every boundary of every parameter, unbounded by max_examples (with it, two
  people took 3,900 requests and three minutes on our 2-core machine; without it, the three take about a minute);
- the API's throttles stay on but out of reach: a 429 would hide what the request would have found.

Checks, and why these: no server error (no 5xx: no stack trace leaves the server); the status code is one the
operation documents (every operation documents its error codes — drf-standardized-errors adds them — so an
undocumented one is a schema bug a client cannot plan for); the content type is the documented one (JSON); the body
conforms to the response schema of its status. Checks that need a model of the business rules (positive data
acceptance: a valid pre-dose check may rightly be held, or refused while a session is in progress; negative data
rejection; the stateful ones) are left to the behaviour tests of this folder.

Run alone: `make test PYTEST_ARGS=tests/api/test_schemathesis_finds_no_server_error_and_every_response_conforms.py`.
"""

import datetime as dt
import itertools
import time

import hypothesis
import pyotp
import pytest
import requests
import schemathesis
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.idempotency import HEADER as IDEMPOTENCY_HEADER
from monitoring import notes
from tests.api.patient_api import make_ready
from tests.factories import PASSWORD
from tests.monitoring.dashboard_data import maya_history
from tests.monitoring.review_data import completed, held, in_progress, marked_for_review
from tests.monitoring.survey_data import assign, install_instruments
from tests.treatment.record_data import reported_adverse_event
from tests.treatment.refill_data import dispense
from treatment.models import SessionStatus, TreatmentSession

SEED = 20260509
EXAMPLES_PER_OPERATION = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Throttles stay in place (they are part of what answers) at rates the run cannot reach.
OUT_OF_REACH = {"anon": "100000/min", "user": "100000/min"}
LOGIN = "/_allauth/app/v1/auth/login"
SECOND_FACTOR = "/_allauth/app/v1/auth/2fa/authenticate"
# The two steps that act on a session in progress: half of their valid cases aim at the patient's newest session.
SESSION_STEPS = ("/api/v1/sessions/{id}/complete/", "/api/v1/sessions/{id}/help/")
KEYS = itertools.count(1)
TURNS = itertools.count()


@pytest.fixture
def throttles_out_of_reach(settings, monkeypatch):
    """DRF's rate throttles read their rates from a class attribute bound when rest_framework.throttling is
    imported (SimpleRateThrottle.THROTTLE_RATES), so overriding the setting alone would not reach them: set both."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": OUT_OF_REACH}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", OUT_OF_REACH)


def history(patient, second_patient, outside_patient, physician, outside_physician, clinic_admin) -> dict:
    """Every kind of record the API reads, for Maya, James and an outsider; returns the ids to draw from."""
    install_instruments()  # the flush of a transactional test empties the table a migration fills
    make_ready(patient, physician, clinic_admin)
    make_ready(second_patient, physician, clinic_admin)
    maya_history(patient, physician)
    # maya_history writes its held session's reasons as {"gate", "message"}; the safety service writes {"code",
    # "message"} (treatment.services.session_check_before_dose), the shape the API serializes: write that one.
    TreatmentSession.objects.filter(patient=patient, status=SessionStatus.HELD).update(
        gate_failures=[{"code": "blood_pressure", "message": "Blood pressure above the plan's limit."}]
    )
    # No session of Maya's is in progress, so that a valid pre-dose check is recorded (201: passed, or held with its
    # reasons — the severe adverse event of the run's earlier cases holds her doses) and not refused (400).
    sessions = [
        completed(patient, days_ago=5),
        marked_for_review(patient, days_ago=8),
        held(patient, days_ago=4),
        completed(second_patient, days_ago=6),
        in_progress(outside_patient),
    ]
    adverse_events = [
        reported_adverse_event(patient, severity="mild", description="Headache the next morning.", ongoing=False),
        reported_adverse_event(second_patient),
        reported_adverse_event(outside_patient),
    ]
    assignments = [
        assign(patient, "phq9"),
        assign(patient, "peg3", slot="weekly"),
        assign(patient, "bladder", slot="monthly", due_at=timezone.now() - dt.timedelta(hours=2)),
        assign(outside_patient, "gad7"),
    ]
    dispense(physician, patient, 30)
    clinical_notes = [
        notes.clinical_note_write(actor=physician.user, patient=patient, text="Reviewed by phone.", sign=True),
        notes.clinical_note_write(actor=physician.user, patient=patient, text="Draft: call back tomorrow."),
        notes.clinical_note_write(actor=outside_physician.user, patient=outside_patient, text="Theirs.", sign=True),
    ]
    alerts = list(patient.alerts.all()) + list(outside_patient.alerts.all())  # raised by the records above
    return {
        "patients": [patient.pk, second_patient.pk, outside_patient.pk],
        "sessions": [session.pk for session in sessions],
        "adverse_events": [event.pk for event in adverse_events],
        "assignments": [assignment.pk for assignment in assignments],
        "notes": [note.pk for note in clinical_notes],
        "alerts": [alert.pk for alert in alerts],
    }


def app_token(base_url: str, user) -> str:
    """Sign in as the mobile app does: email and password, then, for staff, the current TOTP code."""
    answer = requests.post(f"{base_url}{LOGIN}", json={"email": user.email, "password": PASSWORD}, timeout=30)
    token = answer.json()["meta"]["session_token"]
    if answer.status_code == 401:  # the second factor is pending
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        authenticator = pyotp.TOTP(get_mfa_adapter().decrypt(totp.data["secret"]))
        for _ in range(2):  # a code made at the end of its 30 s may be checked in the next period: once more
            answer = requests.post(
                f"{base_url}{SECOND_FACTOR}",
                json={"code": authenticator.now()},
                headers={"X-Session-Token": token},
                timeout=30,
            )
            if answer.status_code == 200:
                break
            time.sleep(authenticator.interval - time.time() % authenticator.interval)
        token = answer.json()["meta"].get("session_token", token)
    assert answer.status_code == 200, answer.text
    return token


def drawn_from(name: str) -> dict:
    return {"dictionary": name, "probability": 0.5}


@pytest.fixture(params=["patient", "physician", "clinic_admin"])
def api_schema(
    request,
    live_server,
    throttles_out_of_reach,
    patient,
    second_patient,
    outside_patient,
    physician,
    outside_physician,
    clinic_admin,
):
    # schemathesis 4.32's from_fixture names each operation's subtest through `Node._nodeid`, which pytest 9.2
    # renamed: give it the attribute it reads (only the names of the reported subtests depend on it).
    request.node._nodeid = request.node.nodeid
    ids = history(patient, second_patient, outside_patient, physician, outside_physician, clinic_admin)
    user = {"patient": patient.user, "physician": physician.user, "clinic_admin": clinic_admin}[request.param]
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "base-url": live_server.url,
            "auth": {"openapi": {"appToken": {"api_key": app_token(live_server.url, user)}}},
            "dictionaries": {name: {"values": values} for name, values in ids.items()},
            "parameters": {
                "path.patient_pk": drawn_from("patients"),
                "path.id": drawn_from("sessions"),
                "path.assignment_id": drawn_from("assignments"),
                "path.note_pk": drawn_from("notes"),
                "path.alert_pk": drawn_from("alerts"),
            },
            "operations": [
                {
                    "include-path-regex": "^/api/v1/adverse-events/",
                    "parameters": {"path.id": drawn_from("adverse_events")},
                }
            ],
            "generation": {"mode": "all", "deterministic": True, "database": "none", "no-shrink": True},
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    )
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/", config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_no_server_error_and_every_response_conforms_to_the_schema(case, patient):
    if not case.meta.generation.mode.is_negative:
        if IDEMPOTENCY_HEADER in (case.headers or {}):
            # Generated keys are short strings that repeat from case to case (a reused key with another body is
            # rightly a 422) or are blank: a valid case gets a key of its own, so that the write reaches the service.
            case.headers[IDEMPOTENCY_HEADER] = f"schemathesis-{next(KEYS)}"
        if case.operation.path in SESSION_STEPS and next(TURNS) % 2 == 0:
            # The session the run's own pre-dose check recorded: completed or helped if it passed, else a 409.
            newest = TreatmentSession.objects.filter(patient=patient).latest("pk")
            case.path_parameters = {**(case.path_parameters or {}), "id": newest.pk}
    case.call_and_validate(checks=CHECKS)
