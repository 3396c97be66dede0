"""Roster pages at 1,000 patients against the same pages at 10, measured in the same run.

    make bench                 # PostgreSQL on 127.0.0.1 when it answers (BENCH_DATABASE_URL), else SQLite

The baseline is a physician (and a clinic) with exactly one page of patients, so both runs render the same number
of rows; the load is a physician (and a clinic) with 1,000 patients.
Each page is requested REPEAT times after a warm-up; the table shows median milliseconds, the ratio load ÷
baseline and the SQL queries each ran. Pages are paginated and query counts constant, so the ratio should stay
near 1: a ratio that grows with the roster means work that grows with the number of patients.
"""

import os
import statistics
import time

REPEAT = int(os.environ.get("BENCH_REPEAT", "25"))
LARGE = int(os.environ.get("BENCH_PATIENTS", "1000"))


import bulk  # noqa: E402
import setup_django  # noqa: E402, F401  (configures Django: must come before any Django import)
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.models import Clinic, Physician, Role, User  # noqa: E402
from accounts.views import ROSTER_PAGE_SIZE  # noqa: E402

SMALL = ROSTER_PAGE_SIZE


def make_clinic(slug: str, patient_count: int) -> tuple[User, User]:
    """A clinic whose one physician oversees `patient_count` patients; returns (physician user, admin user)."""
    clinic = Clinic.objects.create(name=slug.title(), slug=slug)
    password = make_password("bench-password-1")
    admin = User.objects.create(email=f"admin@{slug}.bench", full_name="Admin", role=Role.CLINIC_ADMIN, clinic=clinic)
    doctor = User.objects.create(email=f"dr@{slug}.bench", full_name="Doctor", role=Role.PHYSICIAN, clinic=clinic)
    physician = Physician.objects.create(
        user=doctor, clinic=clinic, licence_number=f"{slug}-1", licence_state="CA", board_certification="Pain"
    )
    for staff in (admin, doctor):
        TOTP.activate(staff, generate_totp_secret())
    bulk.patients_of(physician, patient_count, email=f"p{{n}}@{slug}.bench", name="Patient {n:05d}", password=password)
    return doctor, admin


def measure(user: User, path: str) -> tuple[float, int]:
    """Median milliseconds over REPEAT requests, and the queries one request runs."""
    client = Client()
    client.force_login(user)
    for _ in range(3):  # warm-up: templates, connection, session clock
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings), len(queries)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        small_doctor, small_admin = make_clinic("small", SMALL)
        large_doctor, large_admin = make_clinic("large", LARGE)
        print(f"Database: {connection.vendor}; {REPEAT} requests a page; baseline {SMALL} patients, load {LARGE}.")
        print(f"{'page':<12} {'baseline ms':>12} {'load ms':>10} {'ratio':>7} {'queries':>10}")
        for page, small_user, large_user in [
            ("/dashboard/", small_doctor, large_doctor),
            ("/clinic/", small_admin, large_admin),
        ]:
            base_ms, base_queries = measure(small_user, page)
            load_ms, load_queries = measure(large_user, page)
            print(
                f"{page:<12} {base_ms:>12.1f} {load_ms:>10.1f} {load_ms / base_ms:>7.2f} "
                f"{base_queries:>4} → {load_queries:<4}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
