"""The time a dose was taken is not in the future and not before the pre-dose check (CLINICAL.md section 2). A time
is entered to the minute, so the check counts from the start of its minute."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.gate_data import NEW_YORK
from treatment.plausible import validate_time_taken

CHECKED_AT = datetime(2026, 5, 13, 10, 5, 30, tzinfo=NEW_YORK)
NOW = datetime(2026, 5, 13, 10, 45, 0, tzinfo=NEW_YORK)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    "taken_at",
    [NOW, CHECKED_AT, datetime(2026, 5, 13, 10, 5, tzinfo=NEW_YORK), datetime(2026, 5, 13, 10, 30, tzinfo=NEW_YORK)],
    ids=["now", "the-check", "the-minute-of-the-check", "between"],
)
def test_a_time_from_the_check_minute_up_to_now_is_accepted(taken_at):
    validate_time_taken(taken_at, CHECKED_AT, NOW)


def test_a_time_one_second_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="cannot be in the future"):
        validate_time_taken(NOW + SECOND, CHECKED_AT, NOW)


def test_a_time_before_the_minute_of_the_check_is_refused():
    with pytest.raises(ValidationError, match="cannot be before your pre-dose check"):
        validate_time_taken(datetime(2026, 5, 13, 10, 4, 59, tzinfo=NEW_YORK), CHECKED_AT, NOW)


def test_times_in_other_zones_are_compared_as_instants():
    utc = datetime(2026, 5, 13, 14, 30, tzinfo=UTC)  # 10:30 in New York
    validate_time_taken(utc, CHECKED_AT, NOW)


def test_a_naive_time_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        validate_time_taken(datetime(2026, 5, 13, 10, 30), CHECKED_AT, NOW)
