"""The API's one error shape (drf-standardized-errors): `{"type": ..., "errors": [{"code", "detail", "attr"}]}`.

Services refuse with `anodyne.errors.DomainError` (a plain message and a code); here that becomes the same shape with
the right status: 404 when the record is not the asker's to see (never a hint that it exists), 403 when their role
may not do it, 409 when the record's state has moved on (already signed, no longer open), 400 otherwise. Anything
unexpected is a bare 500 with no detail (no stack trace ever leaves the server).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_standardized_errors.handler import ExceptionHandler
from rest_framework import exceptions, status

from anodyne.errors import DomainError

# Codes of a record whose state no longer allows the action: the request was right, the moment is not.
CONFLICT_CODES = frozenset(
    {
        "already",
        "already_answered",
        "already_requested",
        "already_reviewed",
        "decided",
        "not_current",
        "not_due",
        "not_in_progress",
        "not_open",
        "reviewed",
        "signed",
        "used",
        "revoked",
    }
)


class DomainRefused(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, refused: DomainError):
        self.status_code = {
            "not_found": status.HTTP_404_NOT_FOUND,
            "forbidden": status.HTTP_403_FORBIDDEN,
        }.get(refused.code, status.HTTP_409_CONFLICT if refused.code in CONFLICT_CODES else status.HTTP_400_BAD_REQUEST)
        super().__init__(detail=refused.message, code=refused.code)


class AnodyneExceptionHandler(ExceptionHandler):
    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, DomainError):
            return DomainRefused(exc)
        if isinstance(exc, DjangoValidationError):
            # A pure function's refusal (e.g. instrument scoring): a 400 naming the fields, as a serializer's would.
            detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            return exceptions.ValidationError(detail=detail)
        return super().convert_known_exceptions(exc)
