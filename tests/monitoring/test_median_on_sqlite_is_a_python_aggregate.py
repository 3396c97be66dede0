"""SQLite (the zero-setup development database) has no median: every new SQLite connection gets `median(x)`, a
Python aggregate that gives what PostgreSQL's percentile_cont(0.5) gives — the middle value, the mean of the middle
two for an even count, NULLs skipped, NULL over nothing — and `local_date(moment, zone)`. Pure: no Django database."""

import sqlite3
from types import SimpleNamespace

import pytest

from monitoring.db_functions import SqliteMedian, register_sqlite_functions, sqlite_local_date


def _median(values):
    aggregate = SqliteMedian()
    for value in values:
        aggregate.step(value)
    return aggregate.finalize()


@pytest.mark.parametrize(
    ("values", "median"),
    [
        ([5, 90, 20], 20),  # odd count: the middle one, whatever the order
        ([600, 10, 60, 30], 45),  # even count: (30 + 60) / 2
        ([7], 7),
        ([-90.0, -30.0, 0.0, 15.5], -15.0),
        ([None, 3, None, 1], 2),  # NULLs skipped
        ([], None),
        ([None], None),
    ],
)
def test_the_python_aggregate(values, median):
    assert _median(values) == median


def test_registered_on_a_new_sqlite_connection_and_usable_with_filter():
    raw = sqlite3.connect(":memory:")
    register_sqlite_functions(sender=None, connection=SimpleNamespace(vendor="sqlite", connection=raw))
    raw.execute("CREATE TABLE waits (severity TEXT, microseconds INTEGER)")
    raw.executemany(
        "INSERT INTO waits VALUES (?, ?)",
        [("high", 600), ("high", 10), ("high", 60), ("high", 30), ("low", 5), ("low", None)],
    )
    rows = raw.execute(
        "SELECT severity, median(microseconds), median(microseconds) FILTER (WHERE microseconds > 20) "
        "FROM waits GROUP BY severity ORDER BY severity"
    ).fetchall()
    assert rows == [("high", 45.0, 60), ("low", 5, None)]
    assert raw.execute("SELECT local_date('2026-03-02 03:00:00', 'America/Chicago')").fetchone() == ("2026-03-01",)


def test_other_databases_are_left_alone():
    untouched = SimpleNamespace(vendor="postgresql", connection=None)  # would fail if touched
    register_sqlite_functions(sender=None, connection=untouched)


@pytest.mark.parametrize(
    ("moment", "zone", "day"),
    [
        ("2026-03-02 03:00:00", "America/Chicago", "2026-03-01"),  # 21:00 the evening before
        ("2026-03-02 03:00:00.123456", "Europe/Berlin", "2026-03-02"),
        ("2026-03-02 03:00:00", "UTC", "2026-03-02"),
        (None, "UTC", None),
    ],
)
def test_local_date(moment, zone, day):
    assert sqlite_local_date(moment, zone) == day
