"""A clinic's settings: the defaults its plans start from, reminders, the survey schedule, escalation and numbers.

The allowed ranges are the validators and check constraints on `accounts.models.Clinic`, taken from CLINICAL.md
section 2 ("Plan fields and their allowed ranges", "Pre-dose gates") and section 1 ("Survey schedule"). This module
adds the rules that span two fields and the one write, `clinic_settings_update`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import audit
from accounts.models import AuditAction, Clinic, Role, User
from anodyne.errors import DomainError

# What a clinic admin may change, in the order of the settings page. Name and slug are the operator's (Django admin).
SETTINGS_FIELDS = (
    # Safety defaults, CLINICAL.md section 2 ("Plan fields and their allowed ranges", "Pre-dose gates"): systolic
    # 120 to 180 mmHg (default 160), diastolic 70 to 110 (90), heart rate lower 40 to 60 (50) and upper 90 to 130
    # (100), the open-safety-alert gate on, sitter required yes, no driving 0 to 48 h (24), fasting 0 to 12 h (2).
    "systolic_hold",
    "diastolic_hold",
    "heart_rate_lower",
    "heart_rate_upper",
    "hold_on_open_safety_alert",
    "sitter_required",
    "no_driving_hours",
    "fasting_hours",
    # Reminders and quiet hours (PRODUCT.md "Notifications": quiet hours are honoured).
    "reminder_lead_minutes",
    "quiet_hours_start",
    "quiet_hours_end",
    # Survey schedule — CLINICAL.md section 1 "Survey schedule": follow-up NRS 24 h after a session, PEG-3 every
    # 7 days, PHQ-9 and GAD-7 every 14, PGIC and bladder every 28; a survey expires 72 h after it is due.
    "followup_nrs_after_hours",
    "peg3_every_days",
    "phq9_every_days",
    "gad7_every_days",
    "pgic_every_days",
    "bladder_every_days",
    "survey_expiry_hours",
    # Escalation (PRODUCT.md: a critical alert not acknowledged within the clinic's limit escalates).
    "escalation_contact_name",
    "escalation_contact_email",
    "escalation_contact_phone",
    "acknowledgment_limit_minutes",
    # Messages (issue 10): the reply time promised to patients, 1 to 168 hours (24); past it, an alert.
    "message_reply_hours",
    # Contact and crisis numbers — CLINICAL.md section 6: 911 and 988 by default.
    "contact_phone",
    "emergency_number",
    "crisis_line",
    "time_zone",
)

_AUDIT_DETAIL_LIMIT = 200  # AuditEvent.detail


def settings_errors(clinic: Clinic) -> dict[str, list[str]]:
    """The rules that span two settings, as {field: [plain message]}; empty when they hold.

    With CLINICAL.md's ranges (lower at most 60, upper at least 90) the heart-rate rule holds whenever both values
    are in range; it is checked on its own so that the message says what is wrong even when a range check fails.
    """
    errors: dict[str, list[str]] = {}
    lower, upper = clinic.heart_rate_lower, clinic.heart_rate_upper
    if lower is not None and upper is not None and lower >= upper:
        errors["heart_rate_lower"] = ["The lower heart-rate limit must be below the upper limit."]
    # Quiet hours may run past midnight (21:00 to 08:00); only an empty window is meaningless.
    if clinic.quiet_hours_start is not None and clinic.quiet_hours_start == clinic.quiet_hours_end:
        errors["quiet_hours_end"] = [
            "Quiet hours must start and end at different times (they may run past midnight, e.g. 21:00 to 08:00)."
        ]
    return errors


@transaction.atomic
def clinic_settings_update(*, actor: User, clinic: Clinic, **changes) -> Clinic:
    """Change some of a clinic's settings; its own clinic admins only. Audited with the changed field names only.

    Bad input raises DomainError with the plain messages and changes nothing. Returns the clinic as saved.
    """
    unknown = sorted(set(changes) - set(SETTINGS_FIELDS))
    if unknown:
        raise DomainError(f"These are not clinic settings: {', '.join(unknown)}.", code="unknown_setting")
    if not (
        actor.is_authenticated and actor.is_active and actor.role == Role.CLINIC_ADMIN and actor.clinic_id == clinic.pk
    ):
        raise DomainError("Only a clinic admin of this clinic can change its settings.", code="forbidden")

    values = _to_python(changes)
    # The row lock keeps two admins saving at once from each validating against the other's stale values.
    locked = Clinic.objects.select_for_update().get(pk=clinic.pk)
    changed = [name for name in SETTINGS_FIELDS if name in values and getattr(locked, name) != values[name]]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, values[name])
    _validate(locked)
    locked.save(update_fields=changed)
    audit.record(
        AuditAction.SETTINGS_CHANGE,
        actor=actor,
        clinic=locked,
        object_type="clinic",
        object_id=locked.pk,
        detail=_field_list(changed),
    )
    return locked


def _to_python(changes: dict) -> dict:
    """Values as the fields hold them ("160" → 160), so that an unchanged value does not count as a change."""
    values, errors = {}, {}
    for name, raw in changes.items():
        try:
            values[name] = Clinic._meta.get_field(name).to_python(raw)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise DomainError(" ".join(_sentence(name, messages) for name, messages in errors.items()))
    return values


def _validate(clinic: Clinic) -> None:
    errors: dict[str, list[str]] = {}
    try:
        # The check constraints repeat the validators in the database; their messages name the constraint, not
        # the rule, so the validators speak here.
        clinic.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    for field, messages in settings_errors(clinic).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise DomainError(" ".join(_sentence(field, messages) for field, messages in errors.items()))


def _sentence(field: str, messages: list[str]) -> str:
    if field == "__all__":
        return " ".join(messages)
    label = str(Clinic._meta.get_field(field).verbose_name)
    return f"{label[:1].upper()}{label[1:]}: {' '.join(messages)}"


def _field_list(names: list[str]) -> str:
    """ "systolic_hold, quiet_hours_start"; when every setting changes at once the list outgrows the audit column,
    so it ends with how many more there were rather than a name cut in half."""
    text = ", ".join(names)
    if len(text) <= _AUDIT_DETAIL_LIMIT:
        return text
    kept: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        candidate = ", ".join([*kept, name]) + (f" and {rest} more" if rest else "")
        if len(candidate) > _AUDIT_DETAIL_LIMIT:
            break
        kept.append(name)
    return ", ".join(kept) + f" and {len(names) - len(kept)} more"
