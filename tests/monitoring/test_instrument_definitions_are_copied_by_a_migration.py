"""The data migration monitoring/0003_copy_instruments copies the six definitions into monitoring.Instrument, with
their versions, and running it again changes nothing (update_or_create by code)."""

import importlib

from django.apps import apps

from monitoring import instruments
from monitoring.models import Instrument

copy_migration = importlib.import_module("monitoring.migrations.0003_copy_instruments")


def test_the_copy_writes_the_six_instruments_into_an_empty_table(db):
    # Starts from an empty table rather than trusting the rows the migration wrote when the test database was made:
    # a transactional test run earlier (pytest-django orders them by kind, not by file) empties every table.
    Instrument.objects.all().delete()
    copy_migration.copy_instruments(apps, None)
    rows = {row.code: row for row in Instrument.objects.all()}
    assert sorted(rows) == sorted(instruments.INSTRUMENT_CODES)
    for code, row in rows.items():
        assert (row.name, row.version) == (instruments.get(code).name, instruments.get(code).version)
        assert row.definition == instruments.definition(code)


def test_running_the_copy_again_keeps_one_row_per_code(db):
    Instrument.objects.filter(code="phq9").update(name="Stale", version="0", definition={})
    copy_migration.copy_instruments(apps, None)
    copy_migration.copy_instruments(apps, None)
    assert Instrument.objects.count() == 6
    phq9 = Instrument.objects.get(code="phq9")
    assert (phq9.version, phq9.definition) == ("1", instruments.definition("phq9"))
