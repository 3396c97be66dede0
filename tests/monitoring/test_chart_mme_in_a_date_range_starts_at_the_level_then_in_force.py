"""The chart's MME chart over a date range: the change points inside it, and first the total in force on the day the
range starts (a medicine started before it still counts). Pure: monitoring.chart_selectors.mme_in_range."""

import datetime as dt
from decimal import Decimal

from monitoring.chart_selectors import mme_in_range
from monitoring.opioid_selectors import MmePoint

POINTS = [
    MmePoint(on=dt.date(2026, 1, 1), total=Decimal(90)),
    MmePoint(on=dt.date(2026, 2, 1), total=Decimal(45)),
    MmePoint(on=dt.date(2026, 4, 1), total=Decimal(0)),
]


def test_the_level_in_force_opens_the_range():
    assert mme_in_range(POINTS, dt.date(2026, 3, 1), None) == [
        MmePoint(on=dt.date(2026, 3, 1), total=Decimal(45)),
        MmePoint(on=dt.date(2026, 4, 1), total=Decimal(0)),
    ]


def test_a_change_on_the_first_day_is_not_doubled():
    assert mme_in_range(POINTS, dt.date(2026, 2, 1), dt.date(2026, 3, 31)) == [POINTS[1]]


def test_open_ends_keep_everything():
    assert mme_in_range(POINTS, None, None) == POINTS
    assert mme_in_range(POINTS, None, dt.date(2026, 1, 31)) == POINTS[:1]


def test_nothing_before_the_first_medicine():
    assert mme_in_range(POINTS, dt.date(2025, 6, 1), dt.date(2025, 12, 31)) == []
    assert mme_in_range([], dt.date(2026, 1, 1), None) == []
