"""Quiet hours may run past midnight (22:00 to 06:00) or sit within one day; an empty window is refused."""

from datetime import time

import pytest

from accounts.clinic_settings import clinic_settings_update
from anodyne.errors import DomainError


@pytest.mark.parametrize(("start", "end"), [(time(22, 0), time(6, 0)), (time(13, 0), time(15, 30))])
def test_quiet_hours_are_accepted_across_midnight_or_within_a_day(clinic_admin, clinic, start, end):
    clinic_settings_update(actor=clinic_admin, clinic=clinic, quiet_hours_start=start, quiet_hours_end=end)
    clinic.refresh_from_db()
    assert (clinic.quiet_hours_start, clinic.quiet_hours_end) == (start, end)


def test_quiet_hours_that_start_when_they_end_are_refused(clinic_admin, clinic):
    with pytest.raises(DomainError, match="start and end at different times"):
        clinic_settings_update(actor=clinic_admin, clinic=clinic, quiet_hours_start=time(8, 0))
    clinic.refresh_from_db()
    assert clinic.quiet_hours_start == time(21, 0)


def test_a_time_is_accepted_as_the_form_posts_it(clinic_admin, clinic):
    clinic_settings_update(actor=clinic_admin, clinic=clinic, quiet_hours_start="22:30")
    clinic.refresh_from_db()
    assert clinic.quiet_hours_start == time(22, 30)
