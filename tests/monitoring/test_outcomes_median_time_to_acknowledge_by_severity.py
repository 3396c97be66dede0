"""Median time to acknowledge alerts, per severity: acknowledged_at - first_raised_at over the alerts acknowledged in
the period (30, 90 or 365 days; 90 by default), resolved ones included; the median of an even count is the mean of
the middle two (percentile_cont, computed by PostgreSQL). Alerts still open are counted apart, whenever raised."""

import datetime as dt

import pytest

from monitoring import outcome_selectors
from monitoring.models import Severity
from tests.monitoring.clinic_outcome_data import NOW, ago, alert

MIN = dt.timedelta(minutes=1)


@pytest.fixture
def alerts(patient, second_patient, physician):
    # Critical, an odd count (3): 5, 20 and 90 minutes → median 20 minutes.
    alert(patient, Severity.CRITICAL, raised=ago(days=1), acknowledged_after=5 * MIN, by=physician)
    alert(patient, Severity.CRITICAL, raised=ago(days=2), acknowledged_after=90 * MIN, by=physician, resolved=True)
    alert(second_patient, Severity.CRITICAL, raised=ago(days=3), acknowledged_after=20 * MIN, by=physician)
    # High, an even count (4): 10, 30, 60 and 600 minutes → median (30 + 60) / 2 = 45 minutes.
    for n, minutes in enumerate((600, 10, 60, 30)):
        alert(patient, Severity.HIGH, raised=ago(days=10 + n), acknowledged_after=minutes * MIN, by=physician)
    # High, acknowledged 100 days ago: outside the default period of 90 days, inside 365.
    alert(patient, Severity.HIGH, raised=ago(days=100, hours=2), acknowledged_after=2 * 60 * MIN, by=physician)
    # Medium: two open (one raised a year ago — still open counts whenever raised), none acknowledged.
    alert(patient, Severity.MEDIUM, raised=ago(hours=3))
    alert(second_patient, Severity.MEDIUM, raised=ago(days=400))
    # Low: one open; one acknowledged after 2 days (4 days ago), one after an hour (40 days ago) → median 24.5 h.
    alert(patient, Severity.LOW, raised=ago(days=5))
    alert(second_patient, Severity.LOW, raised=ago(days=6), acknowledged_after=dt.timedelta(days=2), by=physician)
    alert(second_patient, Severity.LOW, raised=ago(days=40, hours=1), acknowledged_after=60 * MIN, by=physician)


def _by_severity(user, **kwargs):
    figures = outcome_selectors.clinic_outcomes(user=user, now=NOW, **kwargs)
    return {row.severity: row for row in figures.acknowledgement}


def test_median_per_severity_over_the_default_90_days(alerts, clinic_admin):
    rows = _by_severity(clinic_admin)
    assert list(rows) == ["critical", "high", "medium", "low"]  # most urgent first
    assert (rows["critical"].acknowledged, rows["critical"].median, rows["critical"].still_open) == (3, 20 * MIN, 0)
    assert (rows["high"].acknowledged, rows["high"].median, rows["high"].still_open) == (4, 45 * MIN, 0)
    assert (rows["medium"].acknowledged, rows["medium"].median, rows["medium"].still_open) == (0, None, 2)
    assert (rows["low"].acknowledged, rows["low"].median, rows["low"].still_open) == (2, 1470 * MIN, 1)
    assert rows["high"].median_words == "45 min"
    assert rows["low"].median_words == "1 d"
    assert rows["medium"].median_words == "—"


def test_a_longer_period_takes_in_older_acknowledgements(alerts, clinic_admin):
    rows = _by_severity(clinic_admin, period_days=365)
    # 10, 30, 60, 120, 600 minutes: an odd count now, median 60.
    assert (rows["high"].acknowledged, rows["high"].median) == (5, 60 * MIN)


def test_a_shorter_period_leaves_out_older_acknowledgements(alerts, clinic_admin):
    rows = _by_severity(clinic_admin, period_days=30)
    # Low: the acknowledgement of 40 days ago drops out, the one of 4 days ago stays.
    assert (rows["low"].acknowledged, rows["low"].median) == (1, dt.timedelta(days=2))
    assert (rows["high"].acknowledged, rows["critical"].acknowledged) == (4, 3)


def test_only_the_offered_periods(clinic_admin):
    with pytest.raises(ValueError, match="period"):
        outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW, period_days=7)
