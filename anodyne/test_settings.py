"""Settings for the test suite: the real PostgreSQL and Redis when they answer.

DATABASE_URL and REDIS_URL name them (default: the local servers on 127.0.0.1). When a server does not answer,
its tests fall back (SQLite) or skip (Redis, the Celery worker) — unless ANODYNE_REQUIRE_SERVICES=1 or CI=true,
where a missing server fails the run at once instead of quietly testing less.
"""

import os

import psycopg
import redis
from django.core.exceptions import ImproperlyConfigured

REQUIRE_SERVICES = os.environ.get("ANODYNE_REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"

_database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/anodyne")
# Redis database 15 keeps test keys apart from a development server's data; the suite flushes it.
_redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def _postgres_answers(url: str) -> bool:
    if not url.startswith(("postgres://", "postgresql://")):
        return False
    try:
        # The maintenance database: the test database does not exist yet.
        conninfo = psycopg.conninfo.conninfo_to_dict(url)
        conninfo.update(dbname="postgres", connect_timeout=3)
        psycopg.connect(**conninfo).close()
    except psycopg.Error:
        return False
    return True


def _redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


POSTGRES_AVAILABLE = _postgres_answers(_database_url)
REDIS_AVAILABLE = _redis_answers(_redis_url)
if REQUIRE_SERVICES and not (POSTGRES_AVAILABLE and REDIS_AVAILABLE):
    missing = [name for name, up in (("PostgreSQL", POSTGRES_AVAILABLE), ("Redis", REDIS_AVAILABLE)) if not up]
    raise ImproperlyConfigured(
        f"ANODYNE_REQUIRE_SERVICES is set but {' and '.join(missing)} did not answer "
        f"(DATABASE_URL={_database_url!r}, REDIS_URL={_redis_url!r})."
    )

os.environ["DATABASE_URL"] = _database_url if POSTGRES_AVAILABLE else "sqlite:///:memory:"
if REDIS_AVAILABLE:
    os.environ["REDIS_URL"] = _redis_url
    os.environ["CELERY_BROKER_URL"] = _redis_url
else:
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_BROKER_URL"] = "memory://"
os.environ["DJANGO_ENV"] = "development"
os.environ.setdefault("EMAIL_URL", "consolemail://")

from anodyne.settings import *  # noqa: E402, F403

REDIS_TEST_URL = _redis_url
# Hashing with argon2 costs ~50 ms a password; tests create hundreds. Production's list is tested on its own.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Two test runs on one server (two checkouts, or a developer beside CI) must not share a database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ANODYNE_TEST_DATABASE", "test_anodyne")}  # noqa: F405
