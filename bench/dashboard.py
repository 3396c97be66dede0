"""The physician's dashboard at 100 and at 1,000 patients against an empty authenticated page, in the same run.

    make bench                 # PostgreSQL on 127.0.0.1 when it answers (BENCH_DATABASE_URL), else SQLite

One clinic, two physicians: one oversees 100 patients, the other 1,000. Every patient has BENCH_DAYS (180) days of
history written by the demo builder (monitoring.demo: sessions twice a week, surveys, opioid medicines for some,
alerts of the past resolved and recent ones open, sessions signed off), so the dashboard reads what a clinic's
database holds after six months. The baseline is an empty authenticated page (base.html, no content; its own
URLconf, bench/dashboard_urls.py): what any page costs — session, user, middleware, layout — before its content.

Each page is requested BENCH_REPEAT times (default 50) after a warm-up. The table shows the median (p50) and the
95th percentile (p95) of the server time in milliseconds (django.test.Client: the whole request in this process, no
network), the ratio of its p50 to the baseline's p50, and the SQL queries one request runs. The last line divides the
dashboard at 1,000 patients by the dashboard at 100: a paginated dashboard with a constant number of queries
should stay near 1; a ratio growing with the roster means work that grows with the number of patients.
"""

import math
import os
import statistics
import time
from dataclasses import dataclass

REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))
DAYS = int(os.environ.get("BENCH_DAYS", "180"))
SIZES = (100, 1000)
WARM_UP = 3

import bulk  # noqa: E402
import setup_django  # noqa: E402, F401  (configures Django: must come before any Django import)
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Clinic, Physician, Role, User  # noqa: E402
from monitoring import demo  # noqa: E402

BASELINE_PATH = "/bench/empty/"
DASHBOARD_PATH = "/dashboard/"


@dataclass(frozen=True)
class Measured:
    p50: float
    p95: float
    queries: int


def build() -> dict[int, User]:
    """The clinic, its admin, one physician per size with that many patients, and everyone's history."""
    clinic = Clinic.objects.create(name="Bench Pain Clinic", slug="bench")
    password = make_password("bench-password-1")
    admin = User.objects.create(email="admin@bench.example", full_name="Admin", role=Role.CLINIC_ADMIN, clinic=clinic)
    TOTP.activate(admin, generate_totp_secret())
    doctors = {}
    for size in SIZES:
        doctor = User.objects.create(
            email=f"dr{size}@bench.example", full_name=f"Doctor {size}", role=Role.PHYSICIAN, clinic=clinic
        )
        TOTP.activate(doctor, generate_totp_secret())
        physician = Physician.objects.create(
            user=doctor, clinic=clinic, licence_number=f"B{size}", licence_state="CA", board_certification="Pain"
        )
        bulk.patients_of(
            physician, size, email=f"p{size}-{{n:04d}}@bench.example", name=f"Patient {size}-{{n:04d}}",
            password=password,
        )  # fmt: skip
        doctors[size] = doctor
    demo.seed(days=DAYS, clinic=clinic, now=timezone.now())
    return doctors


def measure(user: User, path: str) -> Measured:
    client = Client()
    client.force_login(user)
    for _ in range(WARM_UP):  # templates, connection, session clock
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    ordered = sorted(timings)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank
    return Measured(statistics.median(timings), p95, len(queries))


def main() -> None:
    if REPEAT < 1:
        raise SystemExit("BENCH_REPEAT must be 1 or more.")
    setup_test_environment(debug=False)
    # Its own throw-away database, so that another benchmark running at the same time keeps its own.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else f"test_{connection.settings_dict['NAME']}_dashboard"
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF="dashboard_urls"):
            started = time.perf_counter()
            with transaction.atomic():
                doctors = build()
            built = time.perf_counter() - started
            patients = sum(SIZES)
            print(
                f"Database: {connection.vendor}; {patients} patients with {DAYS} days of history each, built in "
                f"{built:.0f} s; {REPEAT} requests a page after {WARM_UP} to warm up."
            )
            largest = doctors[max(SIZES)]
            rows = [("baseline (empty page)", measure(largest, BASELINE_PATH))]
            rows += [(f"dashboard @ {size:,}", measure(doctors[size], DASHBOARD_PATH)) for size in SIZES]
        base = rows[0][1].p50
        print(f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7} {'queries':>8}")
        for page, m in rows:
            print(f"{page:<24} {m.p50:>8.1f} {m.p95:>8.1f} {m.p50 / base:>7.2f} {m.queries:>8}")
        small, large = rows[1][1], rows[2][1]
        print(
            f"dashboard @ {max(SIZES):,} ÷ dashboard @ {min(SIZES):,}: p50 {large.p50 / small.p50:.2f}, "
            f"p95 {large.p95 / small.p95:.2f}, queries {small.queries} → {large.queries}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
