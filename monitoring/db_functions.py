"""Database functions the outcome figures need, on PostgreSQL (production, tests) and on SQLite (the zero-setup
development database that `make run` uses), so that the same query runs on both.

- `Median(expression)`: the median, interpolated between the middle two values of an even count. PostgreSQL has it
  as the ordered-set aggregate `percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)`; SQLite has no median, so each
  new SQLite connection gets `median(x)`, a Python aggregate (`SqliteMedian`) that computes the same thing.
- `LocalDate(moment, zone)`: the calendar date of a moment in a time zone named by another column (a patient's
  own), which Django's TruncDate cannot do (it takes one Python tzinfo for every row). PostgreSQL converts with
  `AT TIME ZONE`; SQLite gets `local_date(moment, zone)`, a Python function.

`register_sqlite_functions` is connected to `connection_created` by monitoring.apps.MonitoringConfig.ready(), so
every SQLite connection opened after start-up has both.
"""

import datetime as dt
import statistics
import zoneinfo

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, DateField, DurationField, FloatField, Func
from django.utils.dateparse import parse_datetime


class Median(Aggregate):
    """The median of a number or a duration; None over no rows (NULLs are skipped, as by every aggregate)."""

    name = "Median"
    function = "percentile_cont"
    arity = 1
    # The FILTER clause, when given, follows the WITHIN GROUP clause (PostgreSQL's grammar for ordered-set aggregates).
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"

    def _resolve_output_field(self):
        # percentile_cont returns an interval for an interval and double precision for any number.
        source = self.get_source_fields()[0]
        return DurationField() if isinstance(source, DurationField) else FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="median", template="%(function)s(%(expressions)s)%(filter)s", **extra_context
        )


class LocalDate(Func):
    """The date of `moment` (a datetime) in the time zone named by `zone` (an IANA name, e.g. a column)."""

    arity = 2
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # timestamptz AT TIME ZONE 'America/Chicago' is the wall-clock time there; its date is the local date.
        return self.as_sql(
            compiler, connection, template="((%(expressions)s))::date", arg_joiner=" AT TIME ZONE ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="local_date", **extra_context)


class SqliteMedian:
    """SQLite's `median(x)` aggregate: the median of the non-NULL values, the mean of the middle two for an even
    count (as percentile_cont(0.5) interpolates), NULL when there are none. Durations reach it as microseconds (the
    integers Django's SQLite backend computes for a datetime difference) and numbers as numbers."""

    def __init__(self):
        self.values: list[float] = []

    def step(self, value):
        if value is not None:
            self.values.append(float(value) if isinstance(value, str) else value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def sqlite_local_date(moment: str | None, zone: str | None) -> str | None:
    """SQLite's `local_date(moment, zone)`: Django stores an aware datetime there as UTC text without an offset."""
    if moment is None or not zone:
        return None
    parsed = parse_datetime(moment)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(zoneinfo.ZoneInfo(zone)).date().isoformat()


def register_sqlite_functions(sender, connection, **kwargs):
    """Give a new SQLite connection `median` and `local_date` (connected to `connection_created`)."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_aggregate("median", 1, SqliteMedian)
    connection.connection.create_function("local_date", 2, sqlite_local_date, deterministic=True)


def connect() -> None:
    """Called once from MonitoringConfig.ready()."""
    connection_created.connect(register_sqlite_functions, dispatch_uid="monitoring.db_functions.sqlite")
