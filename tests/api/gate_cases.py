"""One table of pre-dose cases, run through the session page and through the API for the same input and the same
patient state (tests/api/test_gate_results_are_the_same_through_the_page_and_the_api.py).

Each case is a patient state (how the patient stands before the check) and the check's input, written once as the
API's JSON; the page's form is derived from it. `expected` is what both must record: the session's status and the
codes of its failed gates (None: the input is refused and nothing is recorded). Test data, not a recommendation.
"""

import datetime as dt
from dataclasses import dataclass, field

from tests.api.patient_api import GOOD_CHECK, dose_taken, make_ready, sign_consent
from treatment import services

# A Wednesday evening in Chicago (the cast's time zone): the plan allows two sessions a week, 72 hours apart.
NOW = dt.datetime(2026, 5, 13, 23, 0, tzinfo=dt.UTC)


def ready(patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)


def no_plan(patient, physician, clinic_admin):
    sign_consent(patient, clinic_admin)


def paused_plan(patient, physician, clinic_admin):
    plan = make_ready(patient, physician, clinic_admin)
    services.plan_pause(actor=physician.user, plan=plan, reason="Travelling")


def dosed_two_hours_ago(patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    dose_taken(patient, at=NOW - dt.timedelta(hours=2))


def safety_alert_open(patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    services.safety_hold_open(patient=patient, cause="adverse_event:1")


@dataclass(frozen=True)
class GateCase:
    name: str
    state: object  # one of the functions above
    changes: dict = field(default_factory=dict)  # changes to GOOD_CHECK
    expected: tuple[str, tuple[str, ...]] | None = ("in_progress", ())

    @property
    def body(self) -> dict:
        return GOOD_CHECK | self.changes

    @property
    def form(self) -> dict:
        """What the page's form posts for the same input: ticked boxes are "on", unticked ones absent."""
        form = {}
        for name, value in self.body.items():
            if value is True:
                form[name] = "on"
            elif value is not False and value is not None:
                form[name] = str(value)
        return form


HELD = "held"
CASES = [
    GateCase("good check", ready),
    GateCase("blood pressure over the plan's limit", ready, {"systolic": 170, "diastolic": 105},
             (HELD, ("systolic", "diastolic"))),
    GateCase("severe hypertension", ready, {"systolic": 190, "diastolic": 125}, (HELD, ("systolic", "diastolic"))),
    GateCase("systolic at the limit passes", ready, {"systolic": 160}),
    GateCase("heart rate too low", ready, {"heart_rate": 45}, (HELD, ("heart_rate",))),
    GateCase("a second reading within the limits passes", ready,
             {"systolic": 170, "remeasured_systolic": 150, "remeasured_diastolic": 85, "remeasured_heart_rate": 70}),
    GateCase("too soon after the last dose", dosed_two_hours_ago, {}, (HELD, ("interval",))),
    GateCase("sitter missing", ready, {"sitter_present": False, "sitter_name": "", "sitter_phone": ""},
             (HELD, ("sitter",))),
    GateCase("checklist item not confirmed", ready, {"safe_setting": False}, (HELD, ("checklist",))),
    GateCase("several failures at once", ready, {"systolic": 170, "fasted": False},
             (HELD, ("systolic", "checklist"))),
    GateCase("no plan", no_plan, {}, (HELD, ("plan_inactive",))),
    GateCase("paused plan", paused_plan, {}, (HELD, ("plan_inactive",))),
    GateCase("open safety alert", safety_alert_open, {}, (HELD, ("safety_alert",))),
    GateCase("implausible reading", ready, {"systolic": 1200}, None),
    GateCase("sitter named without a phone", ready, {"sitter_phone": ""}, None),
]  # fmt: skip
