"""The CSV import of patients at 5,000 rows against a 50-row baseline, measured in the same run.

    make bench                 # PostgreSQL on 127.0.0.1 when it answers (BENCH_DATABASE_URL), else SQLite

Each file is read, checked (the preview) and imported (the confirmation: one transaction that checks again,
bulk-inserts the invitations, writes one batch of audit rows and, after the commit, sends every invitation email
over one connection — Django's in-memory test mail backend here, so the time is ours, not an SMTP server's).
The table shows milliseconds per phase, milliseconds per row and the ratio of the per-row cost at the load to the
baseline's: near 1 (or below, as fixed costs spread out) means the work grows linearly with the file; the SQL
query count stays the same whatever the number of rows. The import must finish well under a minute.
"""

import os
import time

LARGE = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
SMALL = 50


import setup_django  # noqa: E402, F401  (configures Django: must come before any Django import)
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts import patient_import  # noqa: E402
from accounts.models import Clinic, Condition, Invitation, Physician, Role, User  # noqa: E402

TIME_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]


def make_clinic(slug: str) -> tuple[User, list[str]]:
    """A clinic with an admin and three physicians; returns (admin, the physicians' emails)."""
    clinic = Clinic.objects.create(name=slug.title(), slug=slug)
    admin = User.objects.create(email=f"admin@{slug}.bench", full_name="Admin", role=Role.CLINIC_ADMIN, clinic=clinic)
    emails = []
    for n in range(3):
        doctor = User.objects.create(
            email=f"dr{n}@{slug}.bench", full_name=f"Doctor {n}", role=Role.PHYSICIAN, clinic=clinic
        )
        Physician.objects.create(
            user=doctor, clinic=clinic, licence_number=f"{slug}-{n}", licence_state="CA", board_certification="Pain"
        )
        emails.append(doctor.email)
    return admin, emails


def make_csv(slug: str, rows: int, physicians: list[str]) -> bytes:
    conditions = Condition.values
    lines = ["email,full_name,date_of_birth,time_zone,primary_condition,phone,physician_email"]
    for n in range(rows):
        team = physicians[n % 3] if n % 4 else f"{physicians[0]};{physicians[1]}"
        lines.append(
            f"patient{n}@{slug}.bench,Patient {n:05d},{1950 + n % 50}-{1 + n % 12:02d}-{1 + n % 28:02d},"
            f"{TIME_ZONES[n % 4]},{conditions[n % len(conditions)]},+1 555 {n % 10000:04d},{team}"
        )
    return ("\n".join(lines) + "\n").encode()


def measure(slug: str, rows: int) -> dict:
    admin, physicians = make_clinic(slug)
    admin = User.objects.select_related("clinic").get(pk=admin.pk)
    data = make_csv(slug, rows, physicians)
    mail.outbox = []
    timings = {}
    started = time.perf_counter()
    parsed = patient_import.csv_rows(data)
    timings["read"] = time.perf_counter() - started

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as check_queries:
        check = patient_import.patient_import_check(actor=admin, rows=parsed)
    timings["check"] = time.perf_counter() - started
    assert check.ok, check.problem_rows[:3]

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as import_queries:
        invited = patient_import.patient_import(actor=admin, rows=parsed, base_url="https://anodyne.bench/")
    timings["import"] = time.perf_counter() - started

    assert len(invited) == rows == len(mail.outbox)
    assert not Invitation.objects.filter(clinic=admin.clinic, sent_at__isnull=True).exists()
    timings["total"] = sum(timings.values())
    return {
        "ms": {phase: seconds * 1000 for phase, seconds in timings.items()},
        "queries": (len(check_queries), len(import_queries)),
    }


def main() -> None:
    setup_test_environment()  # in-memory mail (mail.outbox)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        measure("warmup", 10)  # imports, templates, connection
        base = measure("small", SMALL)
        load = measure("large", LARGE)
        print(f"Database: {connection.vendor}; baseline {SMALL} rows, load {LARGE} rows (emails to the test outbox).")
        print(f"{'phase':<8} {'baseline ms':>12} {'load ms':>10} {'ms/row base':>12} {'ms/row load':>12} {'ratio':>7}")
        for phase in ("read", "check", "import", "total"):
            base_per_row = base["ms"][phase] / SMALL
            load_per_row = load["ms"][phase] / LARGE
            print(
                f"{phase:<8} {base['ms'][phase]:>12.1f} {load['ms'][phase]:>10.1f} {base_per_row:>12.3f} "
                f"{load_per_row:>12.3f} {load_per_row / base_per_row:>7.2f}"
            )
        print(
            f"queries: check {base['queries'][0]} → {load['queries'][0]}, "
            f"import (with the emails' sent_at) {base['queries'][1]} → {load['queries'][1]}"
        )
        seconds = load["ms"]["total"] / 1000
        print(
            f"{LARGE} rows read, checked and imported in {seconds:.1f} s ({'well' if seconds < 30 else 'NOT'} under a minute)."
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
