"""Two rules raising the same alert at the same moment leave one alert raised twice, never two alerts (nor an error):
the second insert waits on the partial unique index, fails in a savepoint once the first commits, and updates it."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from monitoring.models import Alert, AlertEvent, AlertEventWhat
from tests.monitoring.conftest import raise_alert


@pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="row locks and a waiting unique index: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_simultaneous_raise_of_the_same_cause_updates_the_first(patient):
    outcomes = []

    def raise_in_another_transaction():
        try:
            outcomes.append(raise_alert(patient, cause="session:9", summary="Raised by the second rule.").pk)
        except Exception as error:  # the assertion below names it
            outcomes.append(error)
        finally:
            connection.close()

    second = threading.Thread(target=raise_in_another_transaction)
    with transaction.atomic():
        # The first raise has inserted its row but not committed: the second finds no alert to update and inserts,
        # which waits on the unique index until this transaction commits.
        first = raise_alert(patient, cause="session:9", summary="Raised by the first rule.")
        second.start()
        time.sleep(0.5)
    second.join(timeout=10)

    assert outcomes == [first.pk]
    alert = Alert.objects.get()
    assert alert.occurrences == 2
    assert alert.summary == "Raised by the second rule."
    assert list(AlertEvent.objects.values_list("what", flat=True).order_by("pk")) == [
        AlertEventWhat.RAISED,
        AlertEventWhat.REPEATED,
    ]
