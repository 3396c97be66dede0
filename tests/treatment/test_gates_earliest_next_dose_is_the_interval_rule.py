"""The "next dose not before" shown on Today is the interval gate's own rule, not a copy of it."""

import datetime as dt
from zoneinfo import ZoneInfo

from treatment.gates import earliest_next_dose

NEW_YORK = ZoneInfo("America/New_York")


def test_the_next_dose_is_the_minimum_interval_after_the_last_one():
    last = dt.datetime(2026, 11, 20, 18, 0, tzinfo=NEW_YORK)
    assert earliest_next_dose(last, 72, now=last + dt.timedelta(hours=1)) == last + dt.timedelta(hours=72)


def test_none_once_the_interval_is_over():
    last = dt.datetime(2026, 11, 20, 18, 0, tzinfo=NEW_YORK)
    assert earliest_next_dose(last, 72, now=last + dt.timedelta(hours=72)) is None


def test_measured_in_real_hours_across_the_autumn_change():
    # 2026-11-01: New York falls back an hour; 24 real hours after 18:00 the day before is 17:00 local.
    last = dt.datetime(2026, 10, 31, 18, 0, tzinfo=NEW_YORK)
    earliest = earliest_next_dose(last, 24, now=last)
    assert earliest.astimezone(NEW_YORK).hour == 17
