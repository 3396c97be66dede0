"""The plan's review date passes on its own day and holds from the next day, in the patient's time zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tests.treatment.gate_data import NOW, patient_state, plan_limits, run


def test_review_date_today_passes():
    assert run(plan=plan_limits(review_date=NOW.date())).passed


def test_review_date_yesterday_holds():
    result = run(plan=plan_limits(review_date=date(2026, 5, 12)))
    assert result.codes == ("review_date",)
    assert "due for review on Tuesday 12 May 2026" in result.failures[0].message


def test_review_date_is_today_in_new_york_although_utc_is_already_tomorrow():
    # 22:30 on 13 May in New York is 02:30 on 14 May in UTC.
    now = datetime(2026, 5, 14, 2, 30, tzinfo=ZoneInfo("UTC"))
    assert run(plan=plan_limits(review_date=date(2026, 5, 13)), now=now).passed


def test_review_date_has_passed_in_tokyo_although_utc_is_still_on_it():
    # 20:00 on 13 May in UTC is 05:00 on 14 May in Tokyo.
    now = datetime(2026, 5, 13, 20, 0, tzinfo=ZoneInfo("UTC"))
    result = run(
        plan=plan_limits(review_date=date(2026, 5, 13)), patient=patient_state(time_zone="Asia/Tokyo"), now=now
    )
    assert result.codes == ("review_date",)
