"""How a person wants to hear from Anodyne: reading the preferences (defaults when never saved) and saving them.

A NotificationPreference row is created the first time someone saves the page; until then the model's defaults
apply (email on, SMS off, quiet hours 21:00-08:00, the clinic's reminder lead time, a digest at 07:30).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import audit
from accounts.models import AuditAction, NotificationPreference, Role, User
from anodyne.errors import DomainError

PATIENT_FIELDS = (
    "email_enabled",
    "sms_enabled",
    "sms_phone",
    "quiet_hours_start",
    "quiet_hours_end",
    "reminder_lead_minutes",
)
STAFF_FIELDS = ("email_enabled", "digest_enabled", "digest_time")


def preference_fields(user: User) -> tuple[str, ...]:
    """The fields a person may set: patients their channels, quiet hours and lead time; staff the digest."""
    return PATIENT_FIELDS if user.role == Role.PATIENT else STAFF_FIELDS


def notification_preference_get(*, user: User) -> NotificationPreference:
    """The saved row, or an unsaved one with the defaults."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


@transaction.atomic
def notification_preference_save(*, actor: User, **fields) -> NotificationPreference:
    """Save the actor's own preferences (creating the row on first save); audited with field names only."""
    allowed = preference_fields(actor)
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise DomainError(f"These settings are not yours to choose: {', '.join(unknown)}.", code="forbidden")
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    changed = sorted(name for name, value in fields.items() if getattr(preference, name) != value)
    for name, value in fields.items():
        setattr(preference, name, value)
    if preference.sms_enabled and not preference.sms_phone and not _profile_phone(actor):
        raise DomainError("Give a phone number for text messages, or turn them off.", code="invalid")
    if preference.quiet_hours_start == preference.quiet_hours_end:
        raise DomainError("Quiet hours must start and end at different times.", code="invalid")
    try:
        preference.full_clean(exclude=["user"])
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="invalid") from error
    preference.save()
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="notification_preference",
        object_id=preference.pk,
        detail=f"changed: {', '.join(changed) or 'nothing'}",
    )
    return preference


def _profile_phone(user: User) -> str:
    if user.role != Role.PATIENT:
        return ""
    return getattr(getattr(user, "patient", None), "phone", "") or ""
