"""The audit trail: who saw or changed which patient's record, when, from where (HIPAA 45 CFR 164.312(b)).

`record(...)` and `record_many(...)` append AuditEvent rows. The request's id, IP address and user agent come from
`AuditContextMiddleware` through a context variable, so services and selectors name only what happened. Rows are
chained: each carries the hash of the one before, written under a lock so that the chain has one order. The lock is
held until the transaction ends, so a write that records events as it goes wraps itself in `written_at_the_end()`:
its events are then chained and written together just before it commits, and other writers wait for its commit only,
not for all of its work (the API's writes do, api/idempotency.py).
"""

import contextvars
import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from accounts.models import AuditAction, AuditEvent, AuditOutcome, Clinic, Patient, User

GENESIS_HASH = "0" * 64
_REQUEST_ID = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    user_agent: str = ""


# RequestContext is frozen: the shared default cannot be changed.
_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "audit_context",
    default=RequestContext(),  # noqa: B039
)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy's X-Forwarded-For when the proxy is trusted."""
    if settings.ANODYNE_TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Gives every request an id (X-Request-ID, echoed back) and makes it, the IP and the user agent auditable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _REQUEST_ID.sub("", request.headers.get("X-Request-ID", ""))[:64] or uuid.uuid4().hex
        request.request_id = request_id
        token = _context.set(
            RequestContext(
                request_id=request_id,
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", "")[:300],
            )
        )
        try:
            response = self.get_response(request)
        finally:
            _context.reset(token)
        response["X-Request-ID"] = request_id
        return response


def event(
    action: AuditAction,
    *,
    actor: User | None = None,
    object_type: str = "",
    object_id: object = "",
    patient: Patient | None = None,
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    clinic: Clinic | None = None,
    detail: str = "",
    actor_email: str = "",
) -> AuditEvent:
    """An unsaved AuditEvent with the request's context; `record_many` writes a batch of them."""
    context = _context.get()
    signed_in = actor is not None and actor.is_authenticated
    return AuditEvent(
        action=action,
        actor=actor if signed_in else None,
        actor_role=actor.role if signed_in else "",
        actor_email=(actor.email if signed_in else actor_email)[:254],
        clinic_id=(clinic.pk if clinic else None)
        or (patient.clinic_id if patient else None)
        or (actor.clinic_id if signed_in else None),
        object_type=object_type,
        object_id=str(object_id)[:64],
        patient=patient,
        outcome=outcome,
        detail=detail[:200],
        request_id=context.request_id,
        ip=context.ip,
        user_agent=context.user_agent,
    )


def record(action: AuditAction, **fields) -> AuditEvent:
    """Append one audit event (see `event` for the fields)."""
    return record_many([event(action, **fields)])[0]


# The events of the `written_at_the_end` block running now, in the order they were recorded (None: none runs).
_pending: contextvars.ContextVar[list[AuditEvent] | None] = contextvars.ContextVar("audit_pending", default=None)


@contextmanager
def written_at_the_end() -> Iterator[None]:
    """Events recorded inside the block are written together when it ends without an error — within the caller's
    transaction, which must enclose the block: `with transaction.atomic(), audit.written_at_the_end():`. An error
    drops them with the rest of the transaction's work, as it would have rolled them back. Nested blocks are one.
    Record nothing inside a savepoint whose failure is caught (`try: with atomic(): ... except IntegrityError`): its
    events would be kept here, where the savepoint's rollback used to drop them (none of the services does)."""
    if _pending.get() is not None:
        yield
        return
    events: list[AuditEvent] = []
    token = _pending.set(events)
    try:
        yield
    finally:
        _pending.reset(token)
    _write(events)


def record_many(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Append events in order, each chained to the one before. One lock, one read and one insert per batch (inside
    `written_at_the_end`, the events are kept and written when the block ends)."""
    events = list(events)
    pending = _pending.get()
    if pending is not None:
        pending.extend(events)
        return events
    return _write(events)


def _write(events: list[AuditEvent]) -> list[AuditEvent]:
    if not events:
        return events
    # No savepoint of its own: a failed write fails the enclosing transaction, which must not commit without it.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        previous = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() or GENESIS_HASH
        for audit_event in events:
            audit_event.previous_hash = previous
            audit_event.hash = previous = audit_event.compute_hash(previous)
        return AuditEvent.objects.bulk_create(events)


def patients_listed(*, actor: User, patients: Iterable[Patient]) -> None:
    """Each patient shown in a list counts as an access to their record."""
    record_many(
        event(AuditAction.LIST, actor=actor, object_type="patient", object_id=patient.pk, patient=patient)
        for patient in patients
    )


def _lock_chain() -> None:
    # One writer at a time extends the chain. SQLite serialises writers by itself.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('accounts_auditevent'))")


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    message: str


def verify_chain(*, batch_size: int = 2000) -> tuple[int, list[ChainProblem]]:
    """Recompute every row's hash in order; returns (rows checked, problems found)."""
    problems: list[ChainProblem] = []
    previous = GENESIS_HASH
    checked = 0
    for audit_event in AuditEvent.objects.order_by("pk").iterator(chunk_size=batch_size):
        checked += 1
        if audit_event.previous_hash != previous:
            problems.append(
                ChainProblem(audit_event.pk, "does not follow the row before it: a row was removed or altered")
            )
        if audit_event.compute_hash(audit_event.previous_hash) != audit_event.hash:
            problems.append(ChainProblem(audit_event.pk, "its contents do not match its hash: the row was altered"))
        previous = audit_event.hash
    return checked, problems
