"""Gate "checklist": every item confirmed, and a sitter present and named when the plan requires one."""

import pytest

from tests.treatment.gate_data import plan_limits, pre_dose_check, run


def test_a_complete_checklist_passes():
    assert run().passed


@pytest.mark.parametrize(
    ("sitter_present", "sitter_name"),
    [(False, "Sam Rivera"), (True, ""), (True, "   "), (False, "")],
    ids=["absent", "unnamed", "blank-name", "absent-and-unnamed"],
)
def test_a_required_sitter_must_be_present_and_named(sitter_present, sitter_name):
    result = run(check=pre_dose_check(sitter_present=sitter_present, sitter_name=sitter_name))
    assert result.codes == ("sitter",)
    assert "sitter" in result.failures[0].message


def test_no_sitter_is_needed_when_the_plan_does_not_require_one():
    result = run(plan=plan_limits(sitter_required=False), check=pre_dose_check(sitter_present=False, sitter_name=""))
    assert result.passed


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("no_driving", "you will not drive for 24 hours"),
        ("fasted", "you have fasted for 2 hours"),
        ("no_alcohol_or_sedatives", "no alcohol, sedatives, opioids beyond your usual prescription or other drugs"),
        ("safe_setting", "you are in a safe and quiet setting"),
    ],
)
def test_each_unconfirmed_item_holds_and_is_named(field, words):
    result = run(check=pre_dose_check(**{field: False}))
    assert result.codes == ("checklist",)
    assert words in result.failures[0].message


def test_every_unconfirmed_item_is_listed_in_one_reason():
    check = pre_dose_check(no_driving=False, fasted=False, no_alcohol_or_sedatives=False, safe_setting=False)
    (failure,) = run(check=check).failures
    assert failure.message == (
        "Not confirmed: you will not drive for 24 hours; you have fasted for 2 hours; no alcohol, sedatives, "
        "opioids beyond your usual prescription or other drugs today; you are in a safe and quiet setting. "
        "Do not take a dose now."
    )


def test_the_plans_hours_are_in_the_items():
    result = run(plan=plan_limits(no_driving_hours=36, fasting_hours=4), check=pre_dose_check(no_driving=False))
    assert "you will not drive for 36 hours" in result.failures[0].message


def test_driving_is_not_asked_when_the_plan_sets_0_hours():
    assert run(plan=plan_limits(no_driving_hours=0), check=pre_dose_check(no_driving=False)).passed


def test_fasting_is_not_asked_when_the_plan_sets_0_hours():
    assert run(plan=plan_limits(fasting_hours=0), check=pre_dose_check(fasted=False)).passed
