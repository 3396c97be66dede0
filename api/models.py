"""What the API keeps of its own: the stored responses of idempotent writes (api/idempotency.py). No clinical data
lives here beyond the response a client already received."""

from django.db import models
from django.db.models import Q

from accounts.models import User


class IdempotencyState(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` of one user: the request it was first used with and, once done, its response."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)  # sha256 of method, path and the canonical JSON body
    state = models.CharField(max_length=8, choices=IdempotencyState.choices, default=IdempotencyState.RUNNING)
    claim = models.CharField(
        max_length=32
    )  # who runs it now: a random token, renewed when an abandoned run is taken over
    claimed_at = models.DateTimeField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="idempotency_expires")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
            models.CheckConstraint(
                condition=Q(state=IdempotencyState.RUNNING, response_status__isnull=True)
                | Q(state=IdempotencyState.DONE, response_status__isnull=False),
                name="idempotency_done_has_a_response",
            ),
        ]

    def __str__(self):
        return f"{self.method} {self.path} [{self.key}] of {self.user_id} ({self.state})"
