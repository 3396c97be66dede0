"""Every gate is evaluated; the session is held with every failed reason, in CLINICAL.md's order (never only the
first failure)."""

from datetime import date
from decimal import Decimal

from tests.treatment.gate_data import HOUR, NOW, patient_state, plan_limits, pre_dose_check, run
from treatment import gates


def test_every_failed_gate_is_reported_in_the_order_of_the_clinical_table():
    plan = plan_limits(
        status="paused",
        review_date=date(2026, 5, 1),
        sessions_per_week=1,
        titration=(gates.TitrationStep(dose_mg=Decimal(150), from_session_number=1),),
    )
    patient = patient_state(
        is_active=False,
        has_current_consent=False,
        eligibility="needs_review",
        has_open_safety_alert=True,
        last_dose_taken_at=NOW - HOUR,
        doses_taken_at=(NOW - HOUR,),
        units_on_hand=Decimal(0),
    )
    check = pre_dose_check(
        sitter_present=False,
        sitter_name="",
        no_driving=False,
        fasted=False,
        no_alcohol_or_sedatives=False,
        safe_setting=False,
        systolic=170,
        diastolic=105,
        heart_rate=110,
    )
    result = run(plan=plan, patient=patient, check=check)
    assert not result.passed
    assert result.codes == gates.GATE_CODES
    assert result.codes == (
        "patient_inactive",
        "consent",
        "eligibility",
        "plan_inactive",
        "review_date",
        "safety_alert",
        "interval",
        "weekly_count",
        "systolic",
        "diastolic",
        "heart_rate",
        "sitter",
        "checklist",
        "supply",
        "titration",
    )
    assert all(failure.message.endswith("Do not take a dose now.") for failure in result.failures)


def test_two_unrelated_failures_are_both_reported():
    result = run(
        patient=patient_state(last_dose_taken_at=NOW - HOUR, doses_taken_at=(NOW - HOUR,)),
        check=pre_dose_check(systolic=165, diastolic=88),
    )
    assert result.codes == ("interval", "systolic")
    assert result.next_allowed_at is not None


def test_messages_are_information_never_a_diagnosis():
    result = run(check=pre_dose_check(systolic=200, diastolic=125, heart_rate=130))
    text = " ".join(failure.message for failure in result.failures).lower()
    for word in ("hypertension", "tachycardia", "diagnos", "you have"):
        assert word not in text
