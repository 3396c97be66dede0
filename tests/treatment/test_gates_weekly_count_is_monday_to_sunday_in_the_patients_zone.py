"""Gate "weekly count": doses taken this week (Monday to Sunday in the patient's zone) < sessions per week."""

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.treatment.gate_data import NEW_YORK, patient_state, plan_limits, run

# Two a week; a short interval so that only the weekly count is tested.
TWICE_A_WEEK = plan_limits(sessions_per_week=2, min_hours_between=4)
# 13 May 2026 is a Wednesday: this week runs from Monday 11 May to Sunday 17 May.
WEDNESDAY = datetime(2026, 5, 13, 18, 0, tzinfo=NEW_YORK)
MONDAY_MORNING = datetime(2026, 5, 11, 9, 0, tzinfo=NEW_YORK)
TUESDAY_MORNING = datetime(2026, 5, 12, 9, 0, tzinfo=NEW_YORK)


def doses(*times, time_zone="America/New_York"):
    return patient_state(time_zone=time_zone, last_dose_taken_at=max(times), doses_taken_at=times)


def test_one_below_the_weekly_limit_passes():
    assert run(plan=TWICE_A_WEEK, patient=doses(MONDAY_MORNING), now=WEDNESDAY).passed


def test_weekly_count_at_the_limit_holds():
    result = run(plan=TWICE_A_WEEK, patient=doses(MONDAY_MORNING, TUESDAY_MORNING), now=WEDNESDAY)
    assert result.codes == ("weekly_count",)
    assert result.failures[0].message == (
        "You have taken 2 doses this week (Monday to Sunday). Your plan allows 2 a week. Do not take a dose now."
    )


def test_doses_of_last_week_do_not_count():
    last_saturday, last_sunday = (datetime(2026, 5, day, 9, 0, tzinfo=NEW_YORK) for day in (9, 10))
    assert run(plan=TWICE_A_WEEK, patient=doses(last_saturday, last_sunday), now=WEDNESDAY).passed


def test_a_dose_on_sunday_23_30_local_belongs_to_that_week_although_utc_is_monday():
    # Sunday 10 May 23:30 in New York is Monday 11 May 03:30 UTC: last week locally, so one dose this week.
    sunday_late = datetime(2026, 5, 10, 23, 30, tzinfo=NEW_YORK)
    assert run(plan=TWICE_A_WEEK, patient=doses(sunday_late, MONDAY_MORNING), now=WEDNESDAY).passed


def test_a_dose_on_sunday_23_30_local_counts_in_the_week_ending_that_sunday():
    sunday_late = datetime(2026, 5, 17, 23, 30, tzinfo=NEW_YORK)
    now = datetime(2026, 5, 17, 23, 45, tzinfo=NEW_YORK)  # Monday 03:45 UTC
    result = run(plan=TWICE_A_WEEK, patient=doses(MONDAY_MORNING, sunday_late), now=now)
    assert "weekly_count" in result.codes


def test_the_week_starts_again_at_midnight_on_monday_local_time():
    sunday_evening = datetime(2026, 5, 17, 20, 0, tzinfo=NEW_YORK)
    now = datetime(2026, 5, 18, 0, 10, tzinfo=NEW_YORK)
    assert run(plan=TWICE_A_WEEK, patient=doses(MONDAY_MORNING, sunday_evening), now=now).passed


def test_a_monday_morning_dose_in_tokyo_counts_this_week_although_utc_is_still_sunday():
    tokyo = ZoneInfo("Asia/Tokyo")
    monday = datetime(2026, 5, 11, 8, 0, tzinfo=tokyo)  # Sunday 10 May 23:00 UTC
    tuesday = datetime(2026, 5, 12, 8, 0, tzinfo=tokyo)
    now = datetime(2026, 5, 13, 12, 0, tzinfo=tokyo)
    result = run(plan=TWICE_A_WEEK, patient=doses(monday, tuesday, time_zone="Asia/Tokyo"), now=now)
    assert result.codes == ("weekly_count",)
