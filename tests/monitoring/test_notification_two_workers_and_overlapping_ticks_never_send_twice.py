"""Two workers, each ticked several times at once, on 500 due notifications: each is sent exactly once.

Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED and moved to *sending* before the provider is called, so
two ticks never hold the same row; the recording transport's shared file counts what the provider accepted.
"""

from collections import Counter

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

COUNT = 500


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("recording")
def test_two_workers_with_overlapping_ticks_send_each_notification_once(redis_url, tmp_path, patient, second_patient):
    require_postgres()
    rows = due_notifications(COUNT, recipients=[patient.user, second_patient.user], now=timezone.now(), urgent=True)
    keys = [row.idempotency_key for row in rows]
    workers = Workers(redis_url=redis_url, var_dir=tmp_path, env=worker_env(tmp_path / "recording", delay_ms=5))
    try:
        queues = [workers.start(name)[1] for name in ("a", "b")]
        for _ in range(3):  # three overlapping ticks on each worker, as if two beats were running
            for queue in queues:
                dispatch_notifications.apply_async(queue=queue)
        wait_until(all_sent, seconds=120, every=0.5, what="every notification sent")
    finally:
        workers.stop_all()

    sends, duplicates, lost = duplicates_and_lost(keys)
    by_process = Counter(line.split("\t")[1] for line in RecordingTransport.recorded_lines())
    print(
        f"concurrency test: {COUNT} due, {sum(sends.values())} sends, {len(sends)} distinct, {duplicates} duplicates, "
        f"{lost} lost; sends per worker process: {sorted(by_process.values())}"
    )
    assert duplicates == 0
    assert lost == 0
    assert sum(sends.values()) == COUNT
    assert len(by_process) == 2, "both workers must have taken part for the test to mean anything"
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == COUNT
