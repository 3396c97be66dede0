"""A real Celery worker process takes a task from the real Redis broker and writes to the real database."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from accounts.tasks import purge_expired_sessions
from anodyne.celery import app

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    db = connection.settings_dict  # pytest-django has pointed NAME at the test database
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(redis_url, tmp_path):
    """A worker on a queue of its own, stopped by its PID when the test ends."""
    if not settings.POSTGRES_AVAILABLE:
        pytest.skip("the worker must share the test database, which needs PostgreSQL")
    queue = f"test-{uuid.uuid4().hex}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "anodyne.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "ANODYNE_VAR_DIR": str(tmp_path),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "anodyne", "worker", "--pool=solo", "--queues", queue,
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print((tmp_path / "worker.log").read_text())  # shown by pytest when the test fails


@pytest.mark.django_db(transaction=True)
def test_a_worker_purges_expired_sessions_sent_through_redis(worker):
    now = timezone.now()
    Session.objects.create(session_key="e" * 32, session_data="{}", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="l" * 32, session_data="{}", expire_date=now + timedelta(days=1))

    purge_expired_sessions.apply_async(queue=worker)

    deadline = time.monotonic() + 60
    while Session.objects.filter(session_key="e" * 32).exists():
        assert time.monotonic() < deadline, "the worker did not run the task within 60 s"
        time.sleep(0.2)
    assert Session.objects.filter(session_key="l" * 32).exists()


def test_tasks_are_acknowledged_after_they_ran_and_requeued_if_the_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_beat_schedules_only_tasks_that_exist():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
