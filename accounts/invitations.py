"""Invitations: the only way into a clinic. Writes, one transaction each, raising DomainError with plain words.

A clinic admin invites physicians, clinic admins and patients; a physician invites patients, who then have that
physician on their care team; nobody else invites anyone. An invitation is for the inviter's own clinic, and its
role and clinic — never anything the invitee submits — decide the account that accepting it creates.

The raw token exists only in the emailed link (and in memory until the email is sent, after the transaction
commits); the database keeps its SHA-256. A resend mints a new token, so the old link stops working.
Emails say only "You have been invited to join <clinic> on Anodyne" and the link: no health information.
"""

import functools
import logging
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import audit, services
from accounts.models import AuditAction, Condition, Invitation, Physician, Role, User
from anodyne.errors import DomainError

logger = logging.getLogger(__name__)

# Who may invite whom. Patients and platform operators invite nobody.
INVITABLE_ROLES = {
    Role.CLINIC_ADMIN: (Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN),
    Role.PHYSICIAN: (Role.PATIENT,),
}
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()./-]{4,32}$")
LICENCE_STATE_PATTERN = re.compile(r"^[A-Z]{2}$")
EMAIL_BATCH = 200  # messages per send_messages call: one connection, progress recorded as batches go out


def invitable_roles(user) -> tuple[str, ...]:
    """The roles this person may invite (empty for patients, operators and anyone deactivated)."""
    if not user.is_authenticated or not user.is_active or user.clinic_id is None:
        return ()
    return INVITABLE_ROLES.get(user.role, ())


# --- Checks shared with the CSV import: each returns the clean value or raises DomainError ---------------------


def clean_email(value: str) -> str:
    email = (value or "").strip().lower()
    if not email:
        raise DomainError("Email is missing.", code="missing")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(f"“{value.strip()}” is not an email address.", code="email") from None
    return email


def clean_full_name(value: str) -> str:
    full_name = " ".join((value or "").split())
    if not full_name:
        raise DomainError("Full name is missing.", code="missing")
    if len(full_name) > 200:
        raise DomainError("Full name is longer than 200 characters.", code="full_name")
    return full_name


def clean_date_of_birth(value, *, today: date | None = None) -> date:
    """A real date, written YYYY-MM-DD (or a date), not in the future and not before 1900."""
    if isinstance(value, date):
        born = value
    else:
        text = (value or "").strip()
        if not text:
            raise DomainError("Date of birth is missing.", code="missing")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise DomainError(f"Date of birth “{text}” is not written YYYY-MM-DD.", code="date_of_birth")
        try:
            born = date.fromisoformat(text)
        except ValueError:
            raise DomainError(f"Date of birth “{text}” is not a real date.", code="date_of_birth") from None
    if born > (today or timezone.localdate()):
        raise DomainError(f"Date of birth {born.isoformat()} is in the future.", code="date_of_birth")
    if born.year < 1900:
        raise DomainError(f"Date of birth {born.isoformat()} is before 1900.", code="date_of_birth")
    return born


@functools.cache
def _time_zones() -> frozenset[str]:
    # zoneinfo.available_timezones() reads the time zone database from disk on every call.
    return frozenset(zoneinfo.available_timezones())


def clean_time_zone(value: str) -> str:
    time_zone = (value or "").strip()
    if not time_zone:
        raise DomainError("Time zone is missing.", code="missing")
    if time_zone not in _time_zones():
        raise DomainError(
            f"“{time_zone}” is not a time zone we know; use an IANA name such as America/New_York.",
            code="time_zone",
        )
    return time_zone


@functools.cache
def _conditions_by_name() -> dict[str, str]:
    names = {value.lower(): value for value in Condition.values}
    names.update({str(label).lower(): value for value, label in Condition.choices})
    return names


def clean_condition(value: str) -> str:
    """A Condition value ("crps") or its label ("Complex regional pain syndrome (CRPS)"), in any case."""
    text = " ".join((value or "").split())
    if not text:
        raise DomainError("Primary condition is missing.", code="missing")
    condition = _conditions_by_name().get(text.lower())
    if condition is None:
        raise DomainError(
            f"Primary condition “{text}” is not one we know; use one of: {', '.join(Condition.values)}.",
            code="condition",
        )
    return condition


def clean_phone(value: str) -> str:
    phone = (value or "").strip()
    if phone and not PHONE_PATTERN.match(phone):
        raise DomainError(
            f"Phone “{phone}” is not a phone number (digits, spaces, + ( ) - . only; at most 32).", code="phone"
        )
    return phone


# --- Services ----------------------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, actor: User, email: str, full_name: str, role: str, profile: dict | None = None, base_url: str
) -> Invitation:
    """Invite someone to the actor's clinic; the email goes out after the transaction commits.

    `profile`: for a patient `date_of_birth` (ISO date), `time_zone` (IANA), `primary_condition`, `phone` and
    `physician_ids` (the care team: at least one active physician of the clinic; a physician who invites is always
    on it); for a physician `licence_number`, `licence_state`, `board_certification`; nothing for a clinic admin.
    `base_url` is the site's address the link starts with (the view passes the request's).
    """
    _check_may_invite(actor, role)
    email = clean_email(email)
    full_name = clean_full_name(full_name)
    clean_profile = _clean_profile(actor=actor, role=role, profile=profile or {})
    _check_email_is_free(email, clinic_id=actor.clinic_id)
    token = Invitation.new_token()
    now = timezone.now()
    invitation = Invitation(
        clinic_id=actor.clinic_id,
        email=email,
        full_name=full_name,
        role=role,
        invited_by=actor,
        token_hash=Invitation.hash_token(token),
        profile=clean_profile,
        created_at=now,
        expires_at=now + timedelta(days=settings.ANODYNE_INVITATION_DAYS),
    )
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Someone invited the same address a moment ago (the one-open-invitation constraint).
        raise DomainError(f"{email} already has an open invitation to this clinic.", code="duplicate") from None
    audit.record(
        AuditAction.INVITE, actor=actor, object_type="invitation", object_id=invitation.pk, detail=f"role {role}"
    )
    email_after_commit([(invitation, token)], clinic_name=actor.clinic.name, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation, base_url: str) -> Invitation:
    """A new link (the old one stops working) with a new expiry, emailed again."""
    _check_may_manage(actor, invitation)
    token = Invitation.new_token()
    expires_at = timezone.now() + timedelta(days=settings.ANODYNE_INVITATION_DAYS)
    changed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        token_hash=Invitation.hash_token(token), expires_at=expires_at, sent_at=None
    )
    if changed != 1:
        raise _closed(invitation)
    invitation.refresh_from_db()
    audit.record(AuditAction.INVITE, actor=actor, object_type="invitation", object_id=invitation.pk, detail="resent")
    email_after_commit([(invitation, token)], clinic_name=actor.clinic.name, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """The link stops working; the address may be invited again."""
    _check_may_manage(actor, invitation)
    # The patient's details are kept only while the invitation can still be accepted.
    changed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), profile={}
    )
    if changed != 1:
        raise _closed(invitation)
    invitation.refresh_from_db()
    audit.record(AuditAction.INVITE_REVOKED, actor=actor, object_type="invitation", object_id=invitation.pk)
    return invitation


@dataclass(frozen=True)
class TokenProblem:
    code: str
    message: str


def token_problem(invitation: Invitation | None) -> TokenProblem | None:
    """Why a link cannot be used (unknown, used, revoked, expired), or None while it can."""
    if invitation is None:
        return TokenProblem("unknown", "This invitation link is not valid. It may have been replaced by a newer one.")
    if invitation.accepted_at:
        return TokenProblem("used", "This invitation has already been used to create an account.")
    if invitation.revoked_at:
        return TokenProblem("revoked", "This invitation was withdrawn by the clinic.")
    if invitation.expires_at <= timezone.now():
        return TokenProblem("expired", "This invitation has expired.")
    return None


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the invited account — role, clinic, profile and care team from the invitation only — once.

    Clicking the emailed link proves the address, so the email address is verified.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("clinic")
        .filter(token_hash=Invitation.hash_token(token or ""))
        .first()
    )
    problem = token_problem(invitation)
    if problem:
        raise DomainError(problem.message, code=problem.code)
    try:
        validate_password(password, user=User(email=invitation.email, full_name=invitation.full_name))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="password") from None
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise DomainError(
            f"An account with the email address {invitation.email} already exists. Sign in instead.",
            code="duplicate_email",
        )
    profile = invitation.profile
    common = dict(
        clinic=invitation.clinic,
        email=invitation.email,
        full_name=invitation.full_name,
        password=password,
        email_verified=True,
    )
    patient = None
    if invitation.role == Role.PATIENT:
        physicians = list(
            Physician.objects.filter(
                pk__in=profile.get("physician_ids", []), clinic_id=invitation.clinic_id, user__is_active=True
            ).select_related("user")
        )
        if not physicians:
            raise DomainError(
                "The physicians named in this invitation are no longer with the clinic. "
                "Ask your clinic for a new invitation.",
                code="no_physician",
            )
        patient = services.patient_create(
            **common,
            date_of_birth=date.fromisoformat(profile["date_of_birth"]),
            time_zone=profile["time_zone"],
            primary_condition=profile["primary_condition"],
            phone=profile.get("phone", ""),
            physicians=physicians,
        )
        user, created = patient.user, ("patient", patient.pk)
    elif invitation.role == Role.PHYSICIAN:
        _check_licence_is_free(profile["licence_state"], profile["licence_number"])
        physician = services.physician_create(
            **common,
            licence_number=profile["licence_number"],
            licence_state=profile["licence_state"],
            board_certification=profile["board_certification"],
        )
        user, created = physician.user, ("physician", physician.pk)
    elif invitation.role == Role.CLINIC_ADMIN:
        user = services.clinic_admin_create(**common)
        created = ("user", user.pk)
    else:  # the database allows no other role; refuse rather than guess
        raise DomainError("This invitation cannot create an account.", code="role")
    # The details now live in the account itself; the invitation keeps no second copy of them.
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now(), accepted_user=user, profile={})
    audit.record_many(
        [
            audit.event(
                AuditAction.INVITE_ACCEPTED,
                actor=user,
                object_type="invitation",
                object_id=invitation.pk,
                patient=patient,
            ),
            audit.event(
                AuditAction.CREATE,
                actor=user,
                object_type=created[0],
                object_id=created[1],
                patient=patient,
                detail="by invitation",
            ),
        ]
    )
    return user


# --- Helpers -----------------------------------------------------------------------------------------------------


def _check_may_invite(actor: User, role: str) -> None:
    allowed = invitable_roles(actor)
    if not allowed:
        raise DomainError("Your account cannot invite anyone.", code="forbidden")
    if role not in allowed:
        if actor.role == Role.PHYSICIAN:
            raise DomainError("Physicians can invite patients only.", code="forbidden")
        raise DomainError("Invite someone as a patient, a physician or a clinic admin.", code="forbidden")


def _check_may_manage(actor: User, invitation: Invitation) -> None:
    """A clinic admin manages their clinic's invitations; a physician the ones they sent."""
    allowed = invitable_roles(actor) and invitation.clinic_id == actor.clinic_id
    if allowed and actor.role == Role.PHYSICIAN:
        allowed = invitation.invited_by_id == actor.pk
    if not allowed:
        raise DomainError("This invitation is not one you can change.", code="forbidden")


def _check_email_is_free(email: str, *, clinic_id: int) -> None:
    if User.objects.filter(email__iexact=email).exists():
        # An invitation never moves an existing account into another clinic or role.
        raise DomainError(f"An account with this email already exists ({email}).", code="duplicate_email")
    existing = (
        Invitation.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=email, clinic_id=clinic_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if existing:
        state = "expired" if existing.status == "expired" else "open"
        raise DomainError(
            f"{email} already has an {state} invitation to this clinic: resend or revoke it from the list.",
            code="duplicate",
        )


def _check_licence_is_free(state: str, number: str) -> None:
    if Physician.objects.filter(licence_state=state, licence_number__iexact=number).exists():
        raise DomainError(f"A physician with licence {state} {number} already has an account.", code="licence")


def _clean_profile(*, actor: User, role: str, profile: dict) -> dict:
    if role == Role.PATIENT:
        return _clean_patient_profile(actor=actor, profile=profile)
    if role == Role.PHYSICIAN:
        return _clean_physician_profile(profile)
    return {}


def _clean_patient_profile(*, actor: User, profile: dict) -> dict:
    problems = []
    clean = {}
    for key, check in [
        ("date_of_birth", clean_date_of_birth),
        ("time_zone", clean_time_zone),
        ("primary_condition", clean_condition),
        ("phone", clean_phone),
    ]:
        try:
            value = check(profile.get(key) or "")
        except DomainError as error:
            problems.append(error.message)
        else:
            clean[key] = value.isoformat() if isinstance(value, date) else value
    try:
        clean["physician_ids"] = _care_team_ids(actor=actor, requested=profile.get("physician_ids") or [])
    except DomainError as error:
        problems.append(error.message)
    if problems:
        raise DomainError(" ".join(problems))
    return clean


def _care_team_ids(*, actor: User, requested) -> list[int]:
    try:
        ids = {int(pk) for pk in requested}
    except (TypeError, ValueError):
        raise DomainError("Choose the care team from the clinic's physicians.") from None
    if actor.role == Role.PHYSICIAN:
        ids.add(actor.physician.pk)
    if not ids:
        raise DomainError("Choose at least one physician for the patient's care team.", code="no_physician")
    physicians = {
        p.pk: p for p in Physician.objects.filter(pk__in=ids, clinic_id=actor.clinic_id).select_related("user")
    }
    if len(physicians) != len(ids):
        raise DomainError("Choose the care team from this clinic's physicians.", code="physician")
    inactive = [str(p) for p in physicians.values() if not p.user.is_active]
    if inactive:
        raise DomainError(
            f"{', '.join(sorted(inactive))} {'is' if len(inactive) == 1 else 'are'} deactivated and cannot join "
            "a care team.",
            code="physician",
        )
    return sorted(ids)


def _clean_physician_profile(profile: dict) -> dict:
    number = (profile.get("licence_number") or "").strip()
    state = (profile.get("licence_state") or "").strip().upper()
    certification = " ".join((profile.get("board_certification") or "").split())
    problems = []
    if not number:
        problems.append("Licence number is missing.")
    elif len(number) > 32:
        problems.append("Licence number is longer than 32 characters.")
    if not LICENCE_STATE_PATTERN.match(state):
        problems.append("Licence state must be a two-letter US state or territory code, such as CA.")
    if not certification:
        problems.append("Board certification is missing.")
    elif len(certification) > 200:
        problems.append("Board certification is longer than 200 characters.")
    if problems:
        raise DomainError(" ".join(problems))
    _check_licence_is_free(state, number)
    return {"licence_number": number, "licence_state": state, "board_certification": certification}


def _closed(invitation: Invitation) -> DomainError:
    """The refusal for an invitation that was accepted or revoked in the meantime."""
    invitation.refresh_from_db()
    if invitation.accepted_at:
        return DomainError("This invitation has already been accepted.", code="used")
    return DomainError("This invitation has already been revoked.", code="revoked")


def invitation_link(token: str, *, base_url: str) -> str:
    return urljoin(base_url, reverse("invitation_accept", kwargs={"token": token}))


def invitation_email(invitation: Invitation, *, clinic_name: str, token: str, base_url: str) -> mail.EmailMessage:
    """The invitation email: the clinic's name and the link. Never the role's details, a condition or anything
    clinical (PRODUCT.md, Notifications)."""
    context = {
        "clinic_name": clinic_name,
        "link": invitation_link(token, base_url=base_url),
        "days": settings.ANODYNE_INVITATION_DAYS,
    }
    return mail.EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}You have been invited to join {clinic_name}",
        body=render_to_string("accounts/invitations/email.txt", context),
        to=[invitation.email],
    )


def email_after_commit(issued: list[tuple[Invitation, str]], *, clinic_name: str, base_url: str) -> None:
    """Send the invitation emails once the transaction has committed: a rolled-back invitation emails nobody."""
    if not issued:
        return
    transaction.on_commit(functools.partial(_send, issued, clinic_name=clinic_name, base_url=base_url))


def _send(issued: list[tuple[Invitation, str]], *, clinic_name: str, base_url: str) -> None:
    """One mail connection for all of them; `sent_at` records each batch that went out.

    A failure is logged (never the link) and leaves `sent_at` empty: the list shows "not sent" and the clinic can
    resend. It must not turn a committed invitation into an error page.
    """
    try:
        with mail.mailers.default as connection:
            for start in range(0, len(issued), EMAIL_BATCH):
                batch = issued[start : start + EMAIL_BATCH]
                connection.send_messages(
                    [
                        invitation_email(invitation, clinic_name=clinic_name, token=token, base_url=base_url)
                        for invitation, token in batch
                    ]
                )
                Invitation.objects.filter(pk__in=[invitation.pk for invitation, _ in batch]).update(
                    sent_at=timezone.now()
                )
    except Exception:
        logger.exception("Invitation emails could not all be sent (%d invitations)", len(issued))
