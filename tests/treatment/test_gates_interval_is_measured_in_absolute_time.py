"""Gate "interval": hours since the last dose >= the plan's minimum, in absolute time (CLINICAL.md section 2).

A DST change neither shortens nor lengthens it. The times below are built in America/New_York with the same
ZoneInfo on both sides, the case where Python's own datetime arithmetic would count wall-clock hours instead.
"""

from datetime import datetime, timedelta

import pytest

from tests.treatment.gate_data import HOUR, NEW_YORK, NOW, SECOND, patient_state, plan_limits, run, with_last_dose

DAY_MINIMUM = plan_limits(min_hours_between=24, sessions_per_week=7)


def test_a_first_dose_has_no_interval_to_wait():
    result = run(patient=patient_state(last_dose_taken_at=None, doses_taken_at=()))
    assert result.passed
    assert result.next_allowed_at is None


def test_interval_exactly_at_the_minimum_passes():
    result = run(patient=with_last_dose(patient_state(), NOW - 72 * HOUR))
    assert result.passed


def test_interval_one_second_short_of_the_minimum_holds():
    result = run(patient=with_last_dose(patient_state(), NOW - 72 * HOUR + SECOND))
    assert result.codes == ("interval",)
    assert result.next_allowed_at == NOW + SECOND


def test_the_held_message_gives_the_time_since_the_last_dose_and_the_earliest_next_dose():
    result = run(patient=with_last_dose(patient_state(), NOW - timedelta(hours=50, minutes=15)))
    assert result.failures[0].message == (
        "Your last dose was 50 hours 15 minutes ago. Your plan asks for at least 72 hours between doses: the "
        "earliest time for your next dose is Thursday 14 May 2026 at 15:45. Do not take a dose now."
    )


def test_the_last_dose_is_the_latest_of_all_doses_given():
    older, latest = NOW - 100 * HOUR, NOW - 10 * HOUR
    state = patient_state(last_dose_taken_at=older, doses_taken_at=(latest, older))
    assert run(patient=state).codes == ("interval",)


# Spring forward: 2026-03-08 02:00 EST becomes 03:00 EDT, so that night has 23 hours on the clock.
SPRING_LAST_DOSE = datetime(2026, 3, 7, 10, 0, tzinfo=NEW_YORK)  # 15:00 UTC


def test_spring_forward_same_wall_clock_time_next_day_is_only_23_hours_and_holds():
    now = datetime(2026, 3, 8, 10, 0, tzinfo=NEW_YORK)
    result = run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), SPRING_LAST_DOSE), now=now)
    assert result.codes == ("interval",)
    assert result.next_allowed_at == datetime(2026, 3, 8, 11, 0, tzinfo=NEW_YORK)
    assert "Your last dose was 23 hours ago." in result.failures[0].message


def test_spring_forward_24_real_hours_later_passes():
    now = datetime(2026, 3, 8, 11, 0, tzinfo=NEW_YORK)
    assert run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), SPRING_LAST_DOSE), now=now).passed


def test_spring_forward_one_second_short_of_24_real_hours_holds():
    now = datetime(2026, 3, 8, 10, 59, 59, tzinfo=NEW_YORK)
    result = run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), SPRING_LAST_DOSE), now=now)
    assert result.codes == ("interval",)


# Fall back: 2026-11-01 02:00 EDT becomes 01:00 EST, so that night has 25 hours on the clock.
FALL_LAST_DOSE = datetime(2026, 10, 31, 10, 0, tzinfo=NEW_YORK)  # 14:00 UTC


def test_fall_back_24_real_hours_later_is_09_00_on_the_clock_and_passes():
    now = datetime(2026, 11, 1, 9, 0, tzinfo=NEW_YORK)
    assert run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), FALL_LAST_DOSE), now=now).passed


def test_fall_back_one_second_short_of_24_real_hours_holds():
    now = datetime(2026, 11, 1, 8, 59, 59, tzinfo=NEW_YORK)
    result = run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), FALL_LAST_DOSE), now=now)
    assert result.codes == ("interval",)
    assert result.next_allowed_at == datetime(2026, 11, 1, 9, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("last_dose", "now", "passes"),
    [
        # A dose in the repeated hour (the second 01:30, fold=1, is EST) and one 24 real hours later.
        (datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK), datetime(2026, 11, 2, 1, 30, tzinfo=NEW_YORK), True),
        # The first 01:30 (EDT) is an hour earlier, so 24 hours have passed at 00:30 EST the next day.
        (datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=NEW_YORK), datetime(2026, 11, 2, 0, 30, tzinfo=NEW_YORK), True),
        (datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK), datetime(2026, 11, 2, 0, 30, tzinfo=NEW_YORK), False),
    ],
    ids=["second-0130-then-24h", "first-0130-then-24h", "second-0130-then-23h"],
)
def test_a_dose_in_the_repeated_hour_is_told_apart_by_its_fold(last_dose, now, passes):
    result = run(plan=DAY_MINIMUM, patient=with_last_dose(patient_state(), last_dose), now=now)
    assert result.passed is passes
