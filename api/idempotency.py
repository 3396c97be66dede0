"""Idempotent writes (issue 9): a retried request on a flaky network never does the work twice.

A POST or PATCH may carry an `Idempotency-Key` header (required where a view says so: sessions, surveys, adverse
events, dispenses). Per user and key:
- the first request claims the key (a committed row, state running), then runs the view and stores its status and
  body **in the same transaction as the view's own writes** — so either both are saved or neither is;
- a retry with the same key and the same request gets the stored response again (header `Idempotent-Replayed: true`)
  and does nothing; the same key with a different request is a 422; a retry while the first still runs is a 409;
- a refused request (any error) releases the key, as nothing was done: the client may fix it and retry;
- a run abandoned mid-way (a killed worker) rolled its work back with it: after LEASE its key may be taken over;
- stored responses are kept ANODYNE_IDEMPOTENCY_HOURS (24 by default); an expired key starts afresh.
"""

import contextlib
import hashlib
import json
import secrets
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from accounts import audit
from api.models import IdempotencyRecord, IdempotencyState

HEADER = "Idempotency-Key"
MAX_KEY = 255
LEASE = timedelta(minutes=5)


# The header as the OpenAPI schema documents it, with the bounds `idempotent` enforces (one definition for every view).
_KEY_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_KEY}
KEY_REQUIRED = OpenApiParameter(
    HEADER,
    _KEY_SCHEMA,
    OpenApiParameter.HEADER,
    required=True,
    description="A new random value (e.g. a UUID) per record. A retry with the same key and body returns the stored "
    "response (header Idempotent-Replayed: true) and records nothing again; the same key with another body is a 422.",
)
KEY_OPTIONAL = OpenApiParameter(
    HEADER,
    _KEY_SCHEMA,
    OpenApiParameter.HEADER,
    required=False,
    description="Optional here: a retry with the same key and body returns the stored response and changes nothing.",
)


class KeyInUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "A request with this Idempotency-Key is still running: retry in a moment."
    default_code = "idempotency_key_in_use"


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was used with a different request: use a new key for a new request."
    default_code = "idempotency_key_reused"


def request_hash(request) -> str:
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _claim(request, key: str) -> tuple[IdempotencyRecord, bool]:
    """The key's record, and whether this request now runs it. Autocommit, so other requests see the claim: a new key
    is one INSERT; a key in use is read, and taken over only when expired or abandoned."""
    now = timezone.now()
    fingerprint = request_hash(request)
    token = secrets.token_hex(16)
    claim = IdempotencyRecord(
        user=request.user,
        key=key,
        method=request.method,
        path=request.path[:500],
        request_hash=fingerprint,
        claim=token,
        claimed_at=now,
        created_at=now,
        expires_at=now + timedelta(hours=settings.ANODYNE_IDEMPOTENCY_HOURS),
    )
    if _inserted(claim):
        return claim, True
    record = IdempotencyRecord.objects.get(user=request.user, key=key)
    if record.expires_at <= now:  # an expired key starts afresh
        IdempotencyRecord.objects.filter(pk=record.pk, expires_at__lte=now).delete()
        if _inserted(claim):
            return claim, True
        record = IdempotencyRecord.objects.get(user=request.user, key=key)  # another retry claimed it first
    if record.request_hash != fingerprint:
        raise KeyReused()
    if record.state == IdempotencyState.RUNNING:
        # Taken over only when abandoned: its work, uncommitted, was rolled back with it.
        taken = IdempotencyRecord.objects.filter(
            pk=record.pk, state=IdempotencyState.RUNNING, claimed_at__lt=now - LEASE
        ).update(claim=token, claimed_at=now)
        if not taken:
            raise KeyInUse()
        record.claim = token
        return record, True
    return record, False


def _inserted(claim: IdempotencyRecord) -> bool:
    """Whether the claim's row was inserted (False: the user already has a row with that key)."""
    try:
        # Outside a transaction the failed INSERT harms nothing; inside one (tests), a savepoint keeps it usable.
        with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
            claim.save(force_insert=True)
    except IntegrityError:
        claim.pk = None
        return False
    return True


def idempotent(*, required: bool = False):
    """Decorate an APIView's `post` or `patch`."""

    def decorator(method):
        @wraps(method)
        def wrapper(view, request, *args, **kwargs):
            key = request.headers.get(HEADER, "").strip()
            if not key:
                if required:
                    raise ValidationError({HEADER: ["Send an Idempotency-Key header (a new random value per record)."]})
                return method(view, request, *args, **kwargs)
            if len(key) > MAX_KEY or not key.isprintable():
                raise ValidationError({HEADER: [f"An Idempotency-Key is up to {MAX_KEY} printable characters."]})
            record, mine = _claim(request, key)
            if not mine:
                return Response(
                    record.response_body, status=record.response_status, headers={"Idempotent-Replayed": "true"}
                )
            try:
                # The audit events of the work are chained and written last, just before the commit (accounts.audit).
                with transaction.atomic(), audit.written_at_the_end():
                    response = method(view, request, *args, **kwargs)
                    if response.status_code >= 400:
                        raise _Refused(response)
                    done = IdempotencyRecord.objects.filter(pk=record.pk, claim=record.claim).update(
                        state=IdempotencyState.DONE,
                        response_status=response.status_code,
                        response_body=json.loads(json.dumps(response.data, default=str)),
                    )
                    if not done:  # taken over meanwhile (we ran past the lease): this run's work must not count
                        raise KeyInUse()
            except _Refused as refused:
                IdempotencyRecord.objects.filter(pk=record.pk, claim=record.claim).delete()
                return refused.response
            except BaseException:
                IdempotencyRecord.objects.filter(pk=record.pk, claim=record.claim).delete()
                raise
            return response

        wrapper.idempotency_required = required
        return wrapper

    return decorator


class _Refused(Exception):
    """A view's own error response: roll its transaction back and release the key."""

    def __init__(self, response):
        self.response = response
