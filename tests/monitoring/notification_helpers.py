"""Helpers for the notification dispatch tests: due outbox rows in bulk, and real Celery worker processes that share
the test database, the Redis broker and the recording transport's file (tests/test_celery_worker.py's pattern)."""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from monitoring.models import Notification, NotificationChannel, NotificationKind, NotificationStatus
from monitoring.transports import RecordingTransport

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def due_notifications(count: int, *, recipients, now: dt.datetime, **fields) -> list[Notification]:
    """`count` pending email notifications due a minute ago, spread over `recipients`, each with its own key."""
    rows = [
        Notification(
            recipient=recipients[i % len(recipients)],
            channel=NotificationChannel.EMAIL,
            kind=NotificationKind.SURVEY_DUE,
            about=f"assignment:{i}",
            idempotency_key=f"test:{i}",
            send_after=now - dt.timedelta(minutes=1),
            **fields,
        )
        for i in range(count)
    ]
    return Notification.objects.bulk_create(rows)


def duplicates_and_lost(expected_keys) -> tuple[Counter, int, int]:
    """(sends per key, keys sent more than once, keys never sent), counted from the recording transport's file."""
    sends = Counter(RecordingTransport.recorded_keys())
    duplicates = sum(1 for n in sends.values() if n > 1)
    lost = sum(1 for key in expected_keys if sends[key] == 0)
    return sends, duplicates, lost


def wait_until(condition, *, seconds: float, what: str, every: float = 0.1, tick=None):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        if tick:
            tick()
        time.sleep(every)


def all_sent() -> bool:
    return not Notification.objects.exclude(status=NotificationStatus.SENT).exists()


def _database_url() -> str:
    db = connection.settings_dict  # pytest-django has pointed NAME at the test database
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Celery worker processes, each on a queue of its own, each stopped by its own PID."""

    def __init__(self, *, redis_url: str, var_dir: Path, env: dict[str, str]):
        self.redis_url, self.var_dir, self.extra_env = redis_url, var_dir, env
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str) -> tuple[subprocess.Popen, str]:
        queue = f"test-{name}-{uuid.uuid4().hex}"
        env = (
            os.environ
            | {
                "DJANGO_SETTINGS_MODULE": "anodyne.settings",
                "DJANGO_ENV": "development",
                "DATABASE_URL": _database_url(),
                "REDIS_URL": self.redis_url,
                "CELERY_BROKER_URL": self.redis_url,
                "ANODYNE_VAR_DIR": str(self.var_dir),
            }
            | self.extra_env
        )
        log_path = self.var_dir / f"worker-{name}.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "anodyne", "worker", "--pool=solo", "--queues", queue,
                 "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
                 "--hostname", f"{name}-{uuid.uuid4().hex[:8]}@%h"],
                cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.processes.append((process, log_path))
        return process, queue

    def stop_all(self) -> None:
        for process, log_path in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            print(f"--- {log_path.name} (exit {process.returncode})\n{log_path.read_text()}")  # shown on failure


@pytest.fixture
def recording(settings, tmp_path):
    """Email through the recording transport, into tmp_path/recording/sent.log (workers get the same directory)."""
    settings.ANODYNE_EMAIL_TRANSPORT = "recording"
    settings.ANODYNE_RECORDING_TRANSPORT_DIR = str(tmp_path / "recording")
    settings.ANODYNE_RECORDING_TRANSPORT_DELAY_MS = 0
    return tmp_path / "recording"


def worker_env(recording_dir: Path, *, delay_ms: int, stale_seconds: int | None = None) -> dict[str, str]:
    env = {
        "ANODYNE_EMAIL_TRANSPORT": "recording",
        "ANODYNE_RECORDING_TRANSPORT_DIR": str(recording_dir),
        "ANODYNE_RECORDING_TRANSPORT_DELAY_MS": str(delay_ms),
    }
    if stale_seconds is not None:
        env["ANODYNE_NOTIFICATION_STALE_SECONDS"] = str(stale_seconds)
    return env


def require_postgres():
    if not settings.POSTGRES_AVAILABLE:
        pytest.skip("workers must share the test database, which needs PostgreSQL")
