"""Copy the six instrument definitions of monitoring/instruments.py into monitoring.Instrument.

Importing the module is safe here: it is pure data and scoring, with no models. A changed definition needs a new
version in the module and a new data migration like this one (this one runs once).
"""

from django.db import migrations

from monitoring import instruments


def copy_instruments(apps, schema_editor):
    Instrument = apps.get_model("monitoring", "Instrument")
    for code in instruments.INSTRUMENT_CODES:
        data = instruments.definition(code)
        Instrument.objects.update_or_create(
            code=code, defaults={"name": data["name"], "version": data["version"], "definition": data}
        )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_surveys_and_opioids")]

    operations = [migrations.RunPython(copy_instruments, migrations.RunPython.noop)]
