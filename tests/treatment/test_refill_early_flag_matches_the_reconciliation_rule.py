"""A refill request is early exactly when a dispense recorded at the same moment would be flagged an early refill by
the dispense reconciliation (more than 7 days of supply on hand at the plan's dose and sessions per week): the same
rule, read once (treatment.selectors.RefillPosition.early). The care team's alert says so: medium with the days left,
else low."""

import pytest
from django.db import transaction

from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.refill_data import dispense, requested, supply_of
from treatment import selectors


class _Rollback(Exception):
    pass


def _dispense_would_be_early(physician, patient) -> bool:
    """What dispense_record itself decides for a dispense now (rolled back: only the verdict is kept)."""
    try:
        with transaction.atomic():
            outcome = dispense(physician, patient, 10)
            raise _Rollback(outcome.early_refill)
    except _Rollback as verdict:
        return verdict.args[0]


# 4 units a week: 4 units last exactly 7 days (not early), 4.5 units 7.875 days (early), 20 units 35 days (early).
@pytest.mark.parametrize(
    ("dispensed", "taken_mg", "early"), [(5, "25", False), (5, "12.5", True), (20, "0", True), (5, "50", False)]
)
def test_the_request_is_early_exactly_when_the_dispense_would_be(
    physician, ready_patient, plan, dispensed, taken_mg, early
):
    supply_of(physician, ready_patient, plan, dispensed=dispensed, taken_mg=taken_mg)
    assert selectors.refill_position(ready_patient).early is early
    assert _dispense_would_be_early(physician, ready_patient) is early
    assert requested(ready_patient).early is early


def test_an_early_request_raises_a_medium_alert_with_the_days_left(physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=8, taken_mg="25")  # 7 units: 12.25 days
    request = requested(ready_patient)
    alert = Alert.objects.get(kind=AlertKind.REFILL_REQUESTED)
    assert (alert.severity, alert.cause, alert.summary) == (
        Severity.MEDIUM,
        f"refill:{request.pk}",
        "Refill requested (early: supply would last 12.2 more days).",
    )


def test_a_request_on_time_raises_a_low_alert(physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=5, taken_mg="50")  # 3 units: 5.25 days
    request = requested(ready_patient)
    assert (request.early, request.expected_units) == (False, 3)
    alert = Alert.objects.get(kind=AlertKind.REFILL_REQUESTED)
    assert (alert.severity, alert.summary) == (Severity.LOW, "Refill requested.")
