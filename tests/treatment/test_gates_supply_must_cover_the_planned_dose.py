"""Gate "supply": expected units on hand x strength cover this session's planned dose.

With no dispensing record yet the supply is unknown: the gate passes with a note (treatment/gates.py explains why).
"""

from decimal import Decimal

from tests.treatment.gate_data import patient_state, plan_limits, run
from treatment import gates


def test_a_supply_that_exactly_covers_the_dose_passes():
    # 2 units of 25 mg = 50 mg, the planned dose.
    result = run(patient=patient_state(units_on_hand=Decimal(2), strength_mg_per_unit=Decimal(25)))
    assert result.passed
    assert result.notes == ()


def test_a_supply_short_of_the_dose_holds():
    result = run(patient=patient_state(units_on_hand=Decimal("1.5"), strength_mg_per_unit=Decimal(25)))
    assert result.codes == ("supply",)
    assert result.failures[0].message == (
        "Your expected supply is 1.5 units of 25 mg, less than this session's dose of 50 mg. Contact your care team "
        "about your supply. Do not take a dose now."
    )


def test_a_negative_expected_supply_holds():
    assert run(patient=patient_state(units_on_hand=Decimal(-1))).codes == ("supply",)


def test_no_dispensing_record_passes_with_a_note():
    result = run(patient=patient_state(units_on_hand=None, strength_mg_per_unit=None))
    assert result.passed
    assert result.notes == (gates.GateNote("supply_unknown", gates.SUPPLY_UNKNOWN),)


def test_the_supply_is_measured_against_the_titrated_dose():
    plan = plan_limits(titration=(gates.TitrationStep(dose_mg=Decimal(75), from_session_number=2),))
    state = patient_state(units_on_hand=Decimal(2), strength_mg_per_unit=Decimal(25), doses_taken_under_plan=1)
    assert run(plan=plan, patient=state).codes == ("supply",)
