"""DJANGO_ENV=production refuses to start without its parts and passes Django's deployment checks cleanly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "anodyne.settings",
    "SECRET_KEY": "k3Y-" + "x7Qp2Lm9Zr4Tv8Wc1Nb6Hd5Jf0Gs3Ka" * 2,
    "ALLOWED_HOSTS": "anodyne.example.org",
    "DATABASE_URL": "postgres://anodyne@db.invalid:5432/anodyne",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "CELERY_BROKER_URL": "redis://cache.invalid:6379/1",
    "EMAIL_URL": "smtp+tls://anodyne:secret@mail.invalid:587",
}


def manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a production process never has it.
    dropped = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {key: value for key, value in os.environ.items() if key not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=base | PRODUCTION | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "changeme"),  # too short
        ("SECRET_KEY", "django-insecure-" + "a1b2c3d4e5" * 5),  # Django's own placeholder prefix
        ("ALLOWED_HOSTS", ""),
        ("DATABASE_URL", "sqlite:////tmp/anodyne.sqlite3"),  # PostgreSQL only
        ("REDIS_URL", ""),
        ("EMAIL_URL", ""),
    ],
)
def test_production_refuses_to_start_without_its_parts(variable, value):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    assert f"needs {variable}" in result.stderr


def test_production_sends_the_security_headers(tmp_path):
    static = {"STATIC_ROOT": str(tmp_path)}
    assert manage("collectstatic", "--noinput", **static).returncode == 0
    result = manage(
        "shell",
        "-c",
        "from django.test import Client; r = Client(headers={'host': 'anodyne.example.org'}).get('/accounts/login/', secure=True);"
        "print(r['Content-Security-Policy']); print(r['Strict-Transport-Security']); print(r['Referrer-Policy'])",
        **static,
    )
    assert result.returncode == 0, result.stderr
    csp, hsts, referrer = result.stdout.strip().splitlines()[-3:]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert referrer == "same-origin"
