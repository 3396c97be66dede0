"""Complete sessions logged through the API against a bare one-row write, with gunicorn and PostgreSQL, in one run.

    make bench                 # or .venv/bin/python bench/api_write.py
    BENCH_SECONDS=15 BENCH_THREADS=4 BENCH_WORKERS=3 BENCH_PATIENTS=2500 .venv/bin/python bench/api_write.py

The product runs as in production: gunicorn (BENCH_WORKERS sync workers, 3 like the Dockerfile) serving
anodyne.wsgi on a free local port, DEBUG off, on its own throw-away PostgreSQL database (made and destroyed here, as
bench/dashboard.py does; BENCH_DATABASE_URL names the server). Its URLconf (bench/api_write_urls.py) adds one URL to
the product's: the bare write, a plain Django view that inserts one row with one SQL statement into a table made
here, behind the same middleware.

For BENCH_SECONDS (15) each, BENCH_THREADS (4) client threads, each with an http.client connection (gunicorn's
sync workers close it after each answer; it reopens), send:
- bare: POST /bench/bare-write/ with the body and headers of a pre-dose check (one row each);
- the API's floor: POST /bench/api-floor-write/, the same one-row write as a DRF view with the API's authentication
  (the app token: the session and the user read), permission and throttles — the least any API write costs, so the
  most the API's own writes could reach (each patient's token in turn: one token would be throttled);
- API: a complete session as the mobile app logs it — POST /api/v1/sessions/ with a pre-dose check that passes
  every gate, then POST /api/v1/sessions/{id}/complete/ with the dose taken, each with its own Idempotency-Key and
  the patient's app token in X-Session-Token. A patient can take one dose in 4 hours (the plan: 4 hours between
  sessions, up to 21 a week), so each session is a new patient's: BENCH_PATIENTS are made ready beforehand
  (consent signed, eligibility cleared, an active plan, an app token).

It prints the requests per second of each (the API's two requests of a session both count), their latency, the
SQL queries of one request of each (measured in this process through django.test.Client), what the server's
database connections were doing (pg_stat_activity, sampled every 50 ms: how many wait for a lock, and which; how
many are idle in a transaction, their worker running Python inside it), and the ratios of the floor's and the
API's requests per second to the bare write's (target for the API: 0.5 or more). With BENCH_PROFILE=1 it then logs PROFILE_SESSIONS sessions in
this process under cProfile and prints where their time goes: the share of SQL and the project's functions with
the most cumulative time.

App tokens are allauth headless session tokens made here as its sign-in makes them (a database session of the
signed-in user, whose key is the token): signing 2,500 patients in through the API would measure the password hash.
The API's throttles run at the product's rates (per user: each patient sends two requests; the bare write is not
an API view). The gunicorn process gets an in-memory Celery broker: messages of this throw-away database must never
reach a development worker.
"""

import cProfile
import http.client
import io
import itertools
import json
import math
import os
import pstats
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import psycopg

SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
PATIENTS = int(os.environ.get("BENCH_PATIENTS", "2500"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
PROFILE_SESSIONS = 50
SAMPLE_EVERY = 0.05
WARM_UP = 10  # requests of each kind before measuring (imports, connections, caches of each worker)
STARTUP_TIMEOUT = 60

import bulk  # noqa: E402
import setup_django  # noqa: E402, F401  (configures Django: must come before any Django import)
from api_write_urls import BARE_PATH, BARE_TABLE, FLOOR_PATH  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Clinic, Physician, Role, User  # noqa: E402
from treatment.models import (  # noqa: E402
    ConsentSignature,
    ConsentVersion,
    EligibilityItem,
    EligibilityScreen,
    EligibilityStatus,
    PlanStatus,
    PlanVersion,
    SessionStatus,
    TreatmentPlan,
    TreatmentSession,
)
from treatment.services import plan_defaults  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = "/api/v1/sessions/"
# A pre-dose check that passes every gate of the bench plan, and the post-dose entry (test data, not a dosing example).
CHECK = {
    "sitter_present": True,
    "sitter_name": "Sam Patel",
    "sitter_phone": "+1 555 0101",
    "no_driving": True,
    "fasted": True,
    "no_alcohol_or_sedatives": True,
    "safe_setting": True,
    "systolic": 128,
    "diastolic": 82,
    "heart_rate": 72,
    "pain_now": 6,
}
ENTRY = {"dose_mg": "50", "route": "sublingual", "dissociation": 4, "pain_after": 3}
PLAN = {
    "route": "sublingual",
    "dose_mg": Decimal(50),
    "max_single_dose_mg": Decimal(100),
    "sessions_per_week": 21,
    "min_hours_between": 4,
}


# --- The clinic -------------------------------------------------------------------------------------------------------


def build(count: int) -> list[str]:
    """A clinic, a physician and `count` patients ready to dose, written in bulk; returns their app tokens."""
    now = timezone.now()
    clinic = Clinic.objects.create(name="Bench Pain Clinic", slug="bench-api-write")
    admin = User.objects.create(email="admin@bench.example", full_name="Admin", role=Role.CLINIC_ADMIN, clinic=clinic)
    doctor = User.objects.create(email="dr@bench.example", full_name="Doctor", role=Role.PHYSICIAN, clinic=clinic)
    physician = Physician.objects.create(
        user=doctor, clinic=clinic, licence_number="B0001", licence_state="CA", board_certification="Pain Medicine"
    )
    patients = bulk.patients_of(
        physician, count, email="p{n:05d}@bench.example", name="Patient {n:05d}", password=make_password(None)
    )  # they never sign in with a password here
    users = [patient.user for patient in patients]
    consent = ConsentVersion.objects.create(
        clinic=clinic, version=1, text="I agree to dose only when the check allows it.", published_by=admin,
        published_at=now - timedelta(days=1),
    )  # fmt: skip
    ConsentSignature.objects.bulk_create(
        ConsentSignature(patient=p, consent_version=consent, typed_name=p.user.full_name, signed_at=now)
        for p in patients
    )
    EligibilityScreen.objects.bulk_create(
        EligibilityScreen(patient=p, clinic=clinic, status=EligibilityStatus.CLEARED,
                          answers=dict.fromkeys(EligibilityItem.values, 0), answered_by=p.user, answered_at=now,
                          decided_at=now)
        for p in patients
    )  # fmt: skip
    plans = TreatmentPlan.objects.bulk_create(TreatmentPlan(patient=p, status=PlanStatus.ACTIVE) for p in patients)
    defaults = plan_defaults(patients[0])  # the clinic's safety limits, the same for every patient
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(plan=plan, number=1, author=doctor, reason="Bench", status=PlanStatus.ACTIVE, **defaults, **PLAN,
                    review_date=timezone.localdate(now) + timedelta(days=90))
        for plan in plans
    )  # fmt: skip
    for plan, version in zip(plans, versions, strict=True):
        plan.current_version = version
    TreatmentPlan.objects.bulk_update(plans, ["current_version"])
    return [app_token(user) for user in users]


def app_token(user: User) -> str:
    """An allauth headless app token: the key of a database session of the signed-in user, as its sign-in saves
    it (allauth.headless.tokens.strategies.sessions.SessionTokenStrategy)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def database_url() -> str:
    """The throw-away database, for the gunicorn process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


# --- The server -------------------------------------------------------------------------------------------------------


def start_gunicorn() -> tuple[subprocess.Popen, int]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "api_write_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the session hashes of the app tokens were made with it
        "CELERY_BROKER_URL": "memory://",
    }
    env.pop("REDIS_URL", None)  # as setup_django: the cache is each process's own memory
    server = subprocess.Popen(  # noqa: S603 (this interpreter and fixed arguments)
        [sys.executable, "-m", "gunicorn", "anodyne.wsgi:application", "--bind", "127.0.0.1:0",
         "--workers", str(WORKERS), "--chdir", str(ROOT), "--log-level", "info"],
        env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    port = None
    deadline = time.monotonic() + STARTUP_TIMEOUT
    for line in server.stderr:  # gunicorn logs the port the system gave it, then each worker it boots
        if found := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line):
            port = int(found.group(1))
            break
        if time.monotonic() > deadline:
            break
    if port is None:
        raise RuntimeError("gunicorn did not start: " + (server.stderr.read() if server.poll() is not None else ""))
    threading.Thread(target=server.stderr.read, daemon=True).start()  # keep its pipe drained
    while time.monotonic() < deadline:
        try:
            status = HttpClient(port).request("GET", "/health/")[0]
            if status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /health/ in time")


def stop(server: subprocess.Popen) -> None:
    """The master and its workers (its own process group), politely, then not."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- The clients ------------------------------------------------------------------------------------------------------


class HttpClient:
    """One keep-alive connection (gunicorn's sync workers close it after each answer: http.client reopens it)."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **(headers or {})}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        seconds = time.perf_counter() - started
        return response.status, payload, seconds


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def merge(self, other: "Tally") -> None:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.failures.extend(other.failures)

    @property
    def requests(self) -> int:
        return sum(len(values) for values in self.latencies.values())


def post(client: HttpClient, path: str, body: dict, token: str, tally: Tally, kind: str, expected: int):
    headers = {"X-Session-Token": token, "Idempotency-Key": str(uuid.uuid4())}
    status, payload, seconds = client.request("POST", path, body, headers)
    if status != expected:
        tally.failures.append(f"{kind}: {status} {payload[:300]!r}")
        return None
    tally.add(kind, seconds)
    return json.loads(payload)


class Patients:
    """Each patient's token once: a patient who has dosed waits 4 hours."""

    def __init__(self, tokens: list[str]):
        self._tokens = iter(tokens)
        self._lock = threading.Lock()
        self.ran_out = False

    def next(self) -> str | None:
        with self._lock:
            token = next(self._tokens, None)
            self.ran_out = self.ran_out or token is None
            return token


def log_a_session(client: HttpClient, patients: Patients, tally: Tally) -> bool:
    token = patients.next()
    if token is None:
        return False
    result = post(client, SESSIONS, CHECK, token, tally, "POST /api/v1/sessions/", 201)
    if result is None:
        return True
    if not result["gate"]["passed"]:
        tally.failures.append(f"held: {result['gate']['reasons']}")
        return True
    complete = f"{SESSIONS}{result['session']['id']}/complete/"
    post(client, complete, ENTRY, token, tally, "POST /api/v1/sessions/{id}/complete/", 200)
    return True


def bare_write(client: HttpClient, token: str, tally: Tally) -> bool:
    post(client, BARE_PATH, CHECK, token, tally, "POST /bench/bare-write/", 201)
    return True


def floor_write(client: HttpClient, token: str, tally: Tally) -> bool:
    post(client, FLOOR_PATH, CHECK, token, tally, "POST /bench/api-floor-write/", 201)
    return True


class ConnectionSampler:
    """What the server's database connections do, sampled from pg_stat_activity on a connection of its own."""

    QUERY = (
        "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
        "WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )

    def __init__(self):
        self.samples = 0
        self.waiting: dict[str, int] = {}  # wait event of a lock -> connections waiting, summed over the samples
        self.in_transaction = 0  # connections idle in a transaction: the worker runs Python while holding it
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        with psycopg.connect(database_url(), autocommit=True) as sampling:
            while not self._stop.wait(SAMPLE_EVERY):
                rows = sampling.execute(self.QUERY, [connection.settings_dict["NAME"]]).fetchall()
                self.samples += 1
                for state, wait_type, wait_event in rows:
                    if wait_type == "Lock":
                        self.waiting[wait_event] = self.waiting.get(wait_event, 0) + 1
                    elif state == "idle in transaction":
                        self.in_transaction += 1

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        locks = ", ".join(f"{event} {count / self.samples:.1f}" for event, count in sorted(self.waiting.items()))
        waiting = sum(self.waiting.values()) / self.samples
        return (
            f"of {WORKERS} server connections, on average {waiting:.1f} waiting for a lock ({locks or 'none'}), "
            f"{self.in_transaction / self.samples:.1f} idle in a transaction"
        )


def run(port: int, step) -> tuple[Tally, float, ConnectionSampler]:
    """`step(client, tally)` in THREADS threads until SECONDS have passed: the tally, the time it took, and what the
    database connections did meanwhile."""
    tallies = [Tally() for _ in range(THREADS)]
    ended = [0.0] * THREADS
    started = time.perf_counter()
    deadline = started + SECONDS

    def loop(index: int) -> None:
        client = HttpClient(port)
        while time.perf_counter() < deadline and step(client, tallies[index]):
            pass
        ended[index] = time.perf_counter()

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(THREADS)]
    with ConnectionSampler() as sampler:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return total, max(ended) - started, sampler


# --- Queries of one request, in this process --------------------------------------------------------------------------


def queries_of_one(token: str) -> dict[str, int]:
    client = Client(HTTP_X_SESSION_TOKEN=token)
    counts = {}
    with override_settings(ROOT_URLCONF="api_write_urls"):
        with CaptureQueriesContext(connection) as queries:
            client.post(BARE_PATH, CHECK, content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
        counts["POST /bench/bare-write/"] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            client.post(FLOOR_PATH, CHECK, content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
        counts["POST /bench/api-floor-write/"] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(SESSIONS, CHECK, content_type="application/json", HTTP_IDEMPOTENCY_KEY="q-1")
        counts["POST /api/v1/sessions/"] = len(queries)
        assert answer.status_code == 201 and answer.json()["gate"]["passed"], answer.content
        complete = f"{SESSIONS}{answer.json()['session']['id']}/complete/"
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(complete, ENTRY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="q-2")
        counts["POST /api/v1/sessions/{id}/complete/"] = len(queries)
        assert answer.status_code == 200, answer.content
    return counts


def profile(tokens: list[str]) -> None:
    """Where the time of a complete session goes, in this process (no HTTP; cProfile slows Python down)."""
    sql = [0.0]

    def timed(execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql[0] += time.perf_counter() - started

    profiler = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        profiler.enable()
        for token in tokens:
            client = Client(HTTP_X_SESSION_TOKEN=token)
            answer = client.post(SESSIONS, CHECK, content_type="application/json", HTTP_IDEMPOTENCY_KEY="p-1")
            complete = f"{SESSIONS}{answer.json()['session']['id']}/complete/"
            client.post(complete, ENTRY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="p-2")
        profiler.disable()
    per_request = (time.perf_counter() - started) * 1000 / (2 * len(tokens))
    print(
        f"Profile of {len(tokens)} sessions in this process: {per_request:.1f} ms a request under cProfile, "
        f"{sql[0] * 1000 / (2 * len(tokens)):.1f} ms of it waiting for SQL. The project's functions by cumulative "
        "time (ms a request):"
    )
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = [
        (cumulative, f"{Path(filename).relative_to(ROOT)}:{line} {name}")
        for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items()
        # the project's own code; middleware (`__call__`) only wraps the view, whose time is listed below it
        if filename.startswith(str(ROOT))
        and ".venv" not in filename
        and "/bench/" not in filename
        and name != "__call__"
    ]
    for cumulative, where in sorted(rows, reverse=True)[:20]:
        print(f"    {cumulative * 1000 / (2 * len(tokens)):7.1f}  {where}")


# --- The run ----------------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]  # nearest rank


def report(name: str, tally: Tally, seconds: float, sampler: ConnectionSampler, queries: dict[str, int]) -> float:
    rate = tally.requests / seconds
    print(f"{name}: {tally.requests} requests in {seconds:.1f} s = {rate:.1f} requests/s")
    print(f"    database: {sampler.summary()}")
    for kind, values in tally.latencies.items():
        print(
            f"    {kind:<40} {len(values):>6}  p50 {statistics.median(values) * 1000:6.1f} ms  "
            f"p95 {percentile(values, 0.95) * 1000:6.1f} ms  {queries.get(kind, '?'):>3} queries"
        )
    if tally.failures:
        print(f"    {len(tally.failures)} unexpected answers, the first: {tally.failures[0]}")
    return rate


def main() -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("bench/api_write.py measures gunicorn on PostgreSQL: PostgreSQL did not answer.")
    if min(SECONDS, THREADS, WORKERS, PATIENTS) <= 0:
        raise SystemExit("BENCH_SECONDS, BENCH_THREADS, BENCH_WORKERS and BENCH_PATIENTS must be above 0.")
    setup_test_environment(debug=False)
    # Its own throw-away database, so that another benchmark running at the same time keeps its own.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{connection.settings_dict['NAME']}_api_write"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = None
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, idempotency_key varchar(255) NOT NULL, "
                "body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
            )
        started = time.perf_counter()
        with transaction.atomic():
            tokens = build(PATIENTS + WARM_UP + 1 + PROFILE_SESSIONS * PROFILE)
        profiled = [tokens.pop() for _ in range(PROFILE_SESSIONS * PROFILE)]
        built = time.perf_counter() - started
        print(
            f"Database: PostgreSQL; {PATIENTS:,} patients ready to dose, built in {built:.0f} s. "
            f"gunicorn: {WORKERS} sync workers; {THREADS} client threads; {SECONDS:.0f} s each."
        )
        queries = queries_of_one(tokens.pop())
        connection.close()  # the server's workers have the database to themselves while it is measured
        server, port = start_gunicorn()
        warm_client, warm_tally = HttpClient(port), Tally()
        warm_patients = Patients(tokens[:WARM_UP])
        for _ in range(WARM_UP):
            bare_write(warm_client, tokens[-1], warm_tally)
            log_a_session(warm_client, warm_patients, warm_tally)
        if warm_tally.failures:
            raise RuntimeError(f"the warm-up failed: {warm_tally.failures[0]}")

        bare, bare_seconds, bare_sampler = run(port, lambda client, tally: bare_write(client, tokens[-1], tally))
        # Each patient's token in turn: one token would meet the per-user throttle (these write no session).
        cycle = itertools.cycle(tokens)
        floor, floor_seconds, floor_sampler = run(port, lambda client, tally: floor_write(client, next(cycle), tally))
        patients = Patients(tokens[WARM_UP:])
        api, api_seconds, api_sampler = run(port, lambda client, tally: log_a_session(client, patients, tally))
        stop(server)

        bare_rate = report("bare write (one INSERT)", bare, bare_seconds, bare_sampler, queries)
        floor_rate = report("the same INSERT as an API view (token, permission, throttles)", floor, floor_seconds,
                            floor_sampler, queries)  # fmt: skip
        api_rate = report("API, complete sessions (check + complete)", api, api_seconds, api_sampler, queries)
        logged = TreatmentSession.objects.filter(status=SessionStatus.COMPLETED).count() - WARM_UP - 1
        print(f"    {logged} sessions completed ({logged / api_seconds:.1f} a second)")
        if patients.ran_out:
            print(f"    (every patient dosed before the time was up: set BENCH_PATIENTS above {PATIENTS})")
        print(f"API view floor ÷ bare write, requests/s: {floor_rate / bare_rate:.2f} (what any API write can reach)")
        print(f"API ÷ bare write, requests/s: {api_rate / bare_rate:.2f} (target ≥ 0.5)")
        if profiled:
            profile(profiled)
    finally:
        if server is not None:
            stop(server)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
