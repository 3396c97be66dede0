"""A plausible plan for tests: sublingual, 50 mg, twice a week, 72 hours apart (test data, not a recommendation)."""

from datetime import date, time

PLAN = {
    "route": "sublingual",
    "dose_mg": "50",
    "max_single_dose_mg": "100",
    "sessions_per_week": 2,
    "min_hours_between": 72,
    "review_date": date(2027, 3, 1),
    "session_weekdays": [0, 3],
    "session_time": time(18, 0),
}
