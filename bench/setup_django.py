"""Django for a benchmark script: PostgreSQL on 127.0.0.1 when it answers (BENCH_DATABASE_URL), else SQLite.

Import this module first; each script then makes its own throw-away database with
`connection.creation.create_test_db()` and destroys it at the end.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/anodyne_bench")
    if url.startswith("postgres"):
        import psycopg

        try:
            conninfo = psycopg.conninfo.conninfo_to_dict(url) | {"dbname": "postgres", "connect_timeout": 3}
            psycopg.connect(**conninfo).close()
        except psycopg.Error:
            print("PostgreSQL did not answer: measuring on SQLite instead.")
            return "sqlite:///:memory:"
    return url


os.environ["DATABASE_URL"] = _database_url()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anodyne.settings")
os.environ["DJANGO_ENV"] = "development"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()
