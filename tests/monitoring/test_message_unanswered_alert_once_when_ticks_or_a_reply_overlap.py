"""Two reply-time ticks at once raise the unanswered-message alert once (raised once, not twice), and a tick that
overlaps a physician's reply raises nothing: each tick locks the thread and reads it again once it holds the lock."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from monitoring.messages import messages_unanswered_alert
from monitoring.models import Alert, AlertStatus
from tests.monitoring.message_data import hours_ago, patient_thread, reply

pytestmark = [
    pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="row locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _tick_in_another_transaction(outcomes):
    def tick():
        try:
            outcomes.append(messages_unanswered_alert(now=timezone.now()))
        except Exception as error:  # the assertion below names it
            outcomes.append(error)
        finally:
            connection.close()

    return threading.Thread(target=tick)


def test_two_ticks_at_once_raise_one_alert_once(patient):
    with hours_ago(30):
        patient_thread(patient)
    outcomes = []
    second = _tick_in_another_transaction(outcomes)
    with transaction.atomic():
        # This tick has raised the alert and still holds the thread's lock: the other one read the thread as not
        # yet alerted, and waits for the lock.
        assert messages_unanswered_alert(now=timezone.now()) == 1
        second.start()
        time.sleep(0.5)
    second.join(timeout=10)
    assert outcomes == [0]
    assert Alert.objects.get().occurrences == 1


def test_a_tick_during_a_reply_raises_nothing(patient, physician):
    with hours_ago(30):
        thread = patient_thread(patient)
    outcomes = []
    tick = _tick_in_another_transaction(outcomes)
    with transaction.atomic():
        reply(thread, physician)  # the thread's row is locked until this commits
        tick.start()
        time.sleep(0.5)
    tick.join(timeout=10)
    assert outcomes == [0]
    assert not Alert.objects.exclude(status=AlertStatus.RESOLVED).exists()
