"""SIGKILL a worker in the middle of a batch of 200 due notifications, start another: each is sent exactly once.

The recording transport accepts a message only when its call returns (50 ms per send, the provider's time) and
writes one line per accepted message to a file both workers share; a key written twice is a duplicate. Worker A is
killed once it has sent at least 20 and not all; the rows it had claimed stay *sending* until the stale limit
(shortened to 3 s here) and worker B sends them with the same idempotency key.
"""

import os
import signal

import pytest
from django.utils import timezone

from monitoring.models import Notification, NotificationStatus
from monitoring.tasks import dispatch_notifications
from monitoring.transports import RecordingTransport
from tests.monitoring.notification_helpers import (
    Workers,
    all_sent,
    due_notifications,
    duplicates_and_lost,
    recording,  # noqa: F401 (fixture)
    require_postgres,
    wait_until,
    worker_env,
)

COUNT = 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("recording")
def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(redis_url, tmp_path, patient, second_patient):
    require_postgres()
    rows = due_notifications(COUNT, recipients=[patient.user, second_patient.user], now=timezone.now(), urgent=True)
    keys = [row.idempotency_key for row in rows]
    workers = Workers(
        redis_url=redis_url,
        var_dir=tmp_path,
        env=worker_env(tmp_path / "recording", delay_ms=50, stale_seconds=3),
    )
    try:
        worker_a, queue_a = workers.start("a")
        dispatch_notifications.apply_async(queue=queue_a)
        wait_until(lambda: len(RecordingTransport.recorded_keys()) >= 20, seconds=60, what="20 sends by worker A")

        os.kill(worker_a.pid, signal.SIGKILL)
        worker_a.wait(timeout=10)
        sent_before_kill = len(RecordingTransport.recorded_keys())
        sending_at_kill = Notification.objects.filter(status=NotificationStatus.SENDING).count()
        assert 20 <= sent_before_kill < COUNT, "the kill must land in the middle of the batch"

        _worker_b, queue_b = workers.start("b")
        # Beat's minute tick, faster: B sends the rest, and A's claimed rows once they are stale.
        wait_until(
            all_sent, seconds=120, every=2, what="every notification sent",
            tick=lambda: dispatch_notifications.apply_async(queue=queue_b),
        )  # fmt: skip
    finally:
        workers.stop_all()

    sends, duplicates, lost = duplicates_and_lost(keys)
    print(
        f"kill test: {COUNT} due, {sent_before_kill} sent by A before SIGKILL, {sending_at_kill} left sending, "
        f"{sum(sends.values())} sends in all, {len(sends)} distinct, {duplicates} duplicates, {lost} lost"
    )
    assert lost == 0
    assert duplicates == 0
    assert sum(sends.values()) == COUNT
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == COUNT
