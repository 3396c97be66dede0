"""An API write chains its audit events just before it commits (accounts.audit.written_at_the_end, used by
api/idempotency.py): the audit chain's lock — one for every writer of the clinic's records — is taken after the
write's own work, so other writers wait for its commit only. Both steps of a session as the mobile app sends them
(an app token), on real PostgreSQL."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditAction, AuditEvent
from tests.api.patient_api import GOOD_CHECK, GOOD_ENTRY, SESSIONS, make_ready, post, session_url
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCK = "pg_advisory_xact_lock"
LOGIN = "/_allauth/app/v1/auth/login"


def _statements_after_the_lock(queries) -> list[str]:
    sql = [query["sql"] for query in queries]
    locks = [n for n, statement in enumerate(sql) if LOCK in statement]
    assert len(locks) == 1, "one lock a request: every audit event of the write in one batch"
    return sql[locks[0] + 1 :]


def _is_audit_write_or_its_end(statement: str) -> bool:
    # After the lock: the chain's last hash, the batch insert, the commit (outside a test's transaction).
    return (
        '"accounts_auditevent"' in statement
        or statement in {"COMMIT", "RELEASE SAVEPOINT"}
        or statement.startswith("RELEASE SAVEPOINT")
    )


def test_both_steps_of_a_session_take_the_lock_after_their_work(client, patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    signed_in = client.post(LOGIN, {"email": patient.user.email, "password": PASSWORD}, content_type="application/json")
    client = Client(HTTP_X_SESSION_TOKEN=signed_in.json()["meta"]["session_token"])
    before = AuditEvent.objects.count()

    with CaptureQueriesContext(connection) as check:
        started = post(client, SESSIONS, GOOD_CHECK)
    assert started.status_code == 201 and started.json()["gate"]["passed"]
    after = _statements_after_the_lock(check.captured_queries)
    assert all(_is_audit_write_or_its_end(statement) for statement in after), after

    with CaptureQueriesContext(connection) as entry:
        completed = post(client, session_url(started.json()["session"]["id"], "complete"), GOOD_ENTRY)
    assert completed.status_code == 200
    after = _statements_after_the_lock(entry.captured_queries)
    assert all(_is_audit_write_or_its_end(statement) for statement in after), after

    # Nothing was lost by writing late: the session's creation, its dose entry and the follow-up survey are audited.
    actions = list(AuditEvent.objects.order_by("pk")[before:].values_list("action", "object_type"))
    assert (AuditAction.CREATE, "treatment_session") in actions
    assert (AuditAction.UPDATE, "treatment_session") in actions
    assert (AuditAction.CREATE, "survey_assignment") in actions
