"""What gets sent: the producers that turn sessions, check-ins and alerts into Notification rows.

Each producer scans with a few bounded queries (a time range on an indexed column, the people's preferences and clinic
joined in, the notifications already queued read in one query) and queues one row per channel the recipient has on
through `services.notification_enqueue`, whose deterministic idempotency key makes a second tick — or two at once —
add nothing. The dispatcher (monitoring.notifications) sends the rows at their `send_after`, holds them during quiet
hours unless urgent, and marks them expired after `expires_at`.

Rows are queued up to LOOKAHEAD before their moment, so that a reminder goes out on time although beat ticks only
every few minutes; `notifications_cancel_stale` cancels the pending ones whose reason went away meanwhile (a session
started or cancelled, a check-in answered, an alert acknowledged).

Times are instants: a session reminder is `scheduled_for - lead` (real minutes before the session, so across a DST
change too), a digest is the physician's digest time on today's date in the clinic's zone.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from accounts.models import CareTeamMembership, NotificationPreference, Physician, Role, User
from monitoring import services
from monitoring.models import (
    Alert,
    AlertStatus,
    AssignmentStatus,
    Notification,
    NotificationChannel,
    NotificationKind,
    NotificationStatus,
    Severity,
    SurveyAssignment,
)
from treatment.models import SessionStatus, TreatmentSession
from treatment.services import SCHEDULE_WINDOW

# Rows are queued this long before they are due (beat ticks every TICK; the dispatcher every minute).
LOOKAHEAD = dt.timedelta(minutes=10)
# The longest lead a patient or clinic may choose (NotificationPreference / Clinic validators: 24 h).
MAX_LEAD = dt.timedelta(hours=24)
# "About to expire": this long before a check-in's expiry.
SURVEY_EXPIRING_BEFORE = dt.timedelta(hours=12)
# A missed-session nudge is pointless after this long; a digest after this long (the next day's comes).
MISSED_NUDGE_FOR = dt.timedelta(hours=24)
DIGEST_FOR = dt.timedelta(hours=12)

_DEFAULTS = NotificationPreference()  # the model's defaults, for people who never saved their preferences


@dataclass(frozen=True)
class Produced:
    session_reminders: int = 0
    surveys_due: int = 0
    surveys_expiring: int = 0
    sessions_missed: int = 0
    digests: int = 0
    escalations: int = 0
    cancelled: int = 0


def preference_of(user: User) -> NotificationPreference:
    """The user's saved preferences, or the defaults (reads the select_related/prefetched row when there is one)."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return _DEFAULTS


def channels_for(user: User, *, phone: str = "") -> list[str]:
    """In Anodyne always; email unless turned off; SMS when turned on and there is a number (the preference's, else
    the patient's profile phone)."""
    preference = preference_of(user)
    channels = [NotificationChannel.IN_APP]
    if preference.email_enabled and user.email:
        channels.append(NotificationChannel.EMAIL)
    if preference.sms_enabled and (preference.sms_phone or phone):
        channels.append(NotificationChannel.SMS)
    return channels


def _queued(kind: str, pairs) -> set[tuple[int, str]]:
    """The (recipient id, about) pairs among `pairs` that already have a notification of `kind`: one query."""
    pairs = set(pairs)
    if not pairs:
        return set()
    rows = Notification.objects.filter(
        kind=kind, recipient_id__in={user_id for user_id, _ in pairs}, about__in={about for _, about in pairs}
    ).values_list("recipient_id", "about")
    return set(rows) & pairs


def _enqueue(*, user: User, phone: str = "", kind: str, about: str, send_after, expires_at=None, urgent=False) -> int:
    channels = channels_for(user, phone=phone)
    for channel in channels:
        services.notification_enqueue(
            recipient=user,
            channel=channel,
            kind=kind,
            about=about,
            send_after=send_after,
            expires_at=expires_at,
            urgent=urgent,
        )
    return 1


def _patient_lead(patient) -> dt.timedelta:
    minutes = preference_of(patient.user).reminder_lead_minutes
    return dt.timedelta(minutes=minutes if minutes is not None else patient.clinic.reminder_lead_minutes)


@transaction.atomic
def session_reminders_produce(*, now: dt.datetime) -> int:
    """A reminder before each scheduled session, `lead` before it (the patient's lead time, else the clinic's),
    expiring when the session's window closes (treatment.services.SCHEDULE_WINDOW)."""
    sessions = (
        TreatmentSession.objects.filter(
            status=SessionStatus.SCHEDULED,
            scheduled_for__gt=now - SCHEDULE_WINDOW,
            scheduled_for__lte=now + LOOKAHEAD + MAX_LEAD,
            patient__user__is_active=True,
        )
        .select_related("patient__clinic", "patient__user__notification_preference")
        .order_by("scheduled_for", "pk")
    )
    wanted = []
    for session in sessions:
        send_after = session.scheduled_for - _patient_lead(session.patient)
        if send_after <= now + LOOKAHEAD:
            wanted.append((session, send_after))
    done = _queued(NotificationKind.SESSION_REMINDER, ((s.patient.user_id, f"session:{s.pk}") for s, _ in wanted))
    count = 0
    for session, send_after in wanted:
        about = f"session:{session.pk}"
        if (session.patient.user_id, about) in done:
            continue
        count += _enqueue(
            user=session.patient.user,
            phone=session.patient.phone,
            kind=NotificationKind.SESSION_REMINDER,
            about=about,
            send_after=send_after,
            expires_at=session.scheduled_for + SCHEDULE_WINDOW,
        )
    return count


@transaction.atomic
def survey_reminders_produce(*, now: dt.datetime) -> tuple[int, int]:
    """For each due check-in: "check-in due" at its due time, and "about to expire" SURVEY_EXPIRING_BEFORE its expiry
    (when that comes after the due time), both expiring with the check-in. Returns (due, expiring) queued."""
    assignments = list(
        SurveyAssignment.objects.filter(
            status=AssignmentStatus.DUE,
            due_at__lte=now + LOOKAHEAD,
            expires_at__gt=now,
            patient__user__is_active=True,
        )
        .select_related("patient__user__notification_preference")
        .order_by("due_at", "pk")
    )
    wanted = []
    for assignment in assignments:
        wanted.append((NotificationKind.SURVEY_DUE, assignment, assignment.due_at))
        expiring_at = assignment.expires_at - SURVEY_EXPIRING_BEFORE
        if expiring_at > assignment.due_at and expiring_at <= now + LOOKAHEAD:
            wanted.append((NotificationKind.SURVEY_EXPIRING, assignment, expiring_at))
    counts = {NotificationKind.SURVEY_DUE: 0, NotificationKind.SURVEY_EXPIRING: 0}
    for kind in counts:
        mine = [(a, at) for k, a, at in wanted if k == kind]
        done = _queued(kind, ((a.patient.user_id, f"assignment:{a.pk}") for a, _ in mine))
        for assignment, send_after in mine:
            about = f"assignment:{assignment.pk}"
            if (assignment.patient.user_id, about) in done:
                continue
            counts[kind] += _enqueue(
                user=assignment.patient.user,
                phone=assignment.patient.phone,
                kind=kind,
                about=about,
                send_after=send_after,
                expires_at=assignment.expires_at,
            )
    return counts[NotificationKind.SURVEY_DUE], counts[NotificationKind.SURVEY_EXPIRING]


@transaction.atomic
def missed_session_nudges_produce(*, now: dt.datetime) -> int:
    """Once per missed session: a nudge to the patient when its window closed, pointless a day later."""
    sessions = (
        TreatmentSession.objects.filter(
            status=SessionStatus.MISSED,
            scheduled_for__gt=now - SCHEDULE_WINDOW - MISSED_NUDGE_FOR,
            patient__user__is_active=True,
        )
        .select_related("patient__user__notification_preference")
        .order_by("scheduled_for", "pk")
    )
    sessions = list(sessions)
    done = _queued(NotificationKind.SESSION_MISSED, ((s.patient.user_id, f"session:{s.pk}") for s in sessions))
    count = 0
    for session in sessions:
        about = f"session:{session.pk}"
        if (session.patient.user_id, about) in done:
            continue
        window_closed = session.scheduled_for + SCHEDULE_WINDOW
        count += _enqueue(
            user=session.patient.user,
            phone=session.patient.phone,
            kind=NotificationKind.SESSION_MISSED,
            about=about,
            send_after=window_closed,
            expires_at=window_closed + MISSED_NUDGE_FOR,
        )
    return count


@transaction.atomic
def alert_digests_produce(*, now: dt.datetime) -> int:
    """Each physician with open alerts on their care teams gets a digest at their digest time on today's date
    in the clinic's time zone (about "digest:<local date>"), unless they turned it off. Counts and a link only: the
    text is monitoring.notifications.render's."""
    with_alerts = Alert.objects.filter(
        status=AlertStatus.OPEN, patient__care_team_memberships__physician=OuterRef("pk")
    )
    physicians = (
        Physician.objects.filter(user__is_active=True)
        .filter(Exists(with_alerts))
        .select_related("clinic", "user__notification_preference")
        .order_by("pk")
    )
    wanted = []
    for physician in physicians:
        preference = preference_of(physician.user)
        if not preference.digest_enabled:
            continue
        zone = ZoneInfo(physician.clinic.time_zone)
        today = (now + LOOKAHEAD).astimezone(zone).date()
        # In UTC, so that `at + DIGEST_FOR` is real hours (aware arithmetic in one zone is wall-clock arithmetic).
        at = dt.datetime.combine(today, preference.digest_time, tzinfo=zone).astimezone(dt.UTC)
        if now - DIGEST_FOR < at <= now + LOOKAHEAD:
            wanted.append((physician.user, f"digest:{today.isoformat()}", at))
    done = _queued(NotificationKind.ALERT_DIGEST, ((user.pk, about) for user, about, _ in wanted))
    count = 0
    for user, about, at in wanted:
        if (user.pk, about) in done:
            continue
        count += _enqueue(
            user=user, kind=NotificationKind.ALERT_DIGEST, about=about, send_after=at, expires_at=at + DIGEST_FOR
        )
    return count


@transaction.atomic
def alert_escalations_produce(*, now: dt.datetime) -> int:
    """A critical alert still open (not acknowledged) the clinic's acknowledgment limit after it was first raised:
    urgent (quiet hours do not hold it), once per alert, to the clinic's admins, the patient's care-team physicians
    and the escalation contact when that address is an account of the clinic. (An address with no account gets
    nothing from here: a Notification needs a user; README, "Notifications".)"""
    alerts = list(
        Alert.objects.filter(
            status=AlertStatus.OPEN,
            severity=Severity.CRITICAL,
            first_raised_at__lte=now + LOOKAHEAD - dt.timedelta(minutes=5),  # 5 minutes: the smallest limit
        )
        .select_related("clinic")
        .order_by("first_raised_at", "pk")
    )
    alerts = [
        a
        for a in alerts
        if a.first_raised_at + dt.timedelta(minutes=a.clinic.acknowledgment_limit_minutes) <= now + LOOKAHEAD
    ]
    if not alerts:
        return 0
    # Clinic admins and escalation contacts with an account (one query), care-team physicians (one query).
    contacts = {a.clinic.escalation_contact_email.lower() for a in alerts if a.clinic.escalation_contact_email}
    staff = list(
        User.objects.filter(is_active=True, clinic_id__in={a.clinic_id for a in alerts})
        .filter(Q(role=Role.CLINIC_ADMIN) | Q(email__in=contacts))
        .select_related("notification_preference")
        .order_by("pk")
    )
    care_teams = defaultdict(list)
    memberships = CareTeamMembership.objects.filter(
        patient_id__in={a.patient_id for a in alerts}, physician__user__is_active=True
    ).select_related("physician__user__notification_preference")
    for membership in memberships:
        care_teams[membership.patient_id].append(membership.physician.user)
    wanted = []
    for alert in alerts:
        contact = alert.clinic.escalation_contact_email.lower()
        recipients = {
            person.pk: person
            for person in staff
            if person.clinic_id == alert.clinic_id and (person.role == Role.CLINIC_ADMIN or person.email == contact)
        }
        recipients.update({user.pk: user for user in care_teams[alert.patient_id]})
        at = alert.first_raised_at + dt.timedelta(minutes=alert.clinic.acknowledgment_limit_minutes)
        wanted.extend((user, f"alert:{alert.pk}", at) for _, user in sorted(recipients.items()))
    done = _queued(NotificationKind.ALERT_ESCALATION, ((user.pk, about) for user, about, _ in wanted))
    count = 0
    for user, about, at in wanted:
        if (user.pk, about) in done:
            continue
        count += _enqueue(user=user, kind=NotificationKind.ALERT_ESCALATION, about=about, send_after=at, urgent=True)
    # The on-call contact without an account still hears of it, by email (notification_enqueue adds nothing twice).
    with_accounts = {person.email.lower() for person in staff}
    already = set(
        Notification.objects.filter(
            kind=NotificationKind.ALERT_ESCALATION, recipient__isnull=True, about__in=[f"alert:{a.pk}" for a in alerts]
        ).values_list("about", "address")
    )
    for alert in alerts:
        contact = alert.clinic.escalation_contact_email.lower()
        if contact and contact not in with_accounts and (f"alert:{alert.pk}", contact) not in already:
            services.notification_enqueue(
                recipient=None,
                address=contact,
                channel=NotificationChannel.EMAIL,
                kind=NotificationKind.ALERT_ESCALATION,
                about=f"alert:{alert.pk}",
                send_after=alert.first_raised_at + dt.timedelta(minutes=alert.clinic.acknowledgment_limit_minutes),
                urgent=True,
            )
            count += 1
    return count


def _pending_ids(kind: str) -> dict[int, list[int]]:
    """Pending notifications of `kind`, grouped by the id in their about ("session:42" -> 42)."""
    grouped = defaultdict(list)
    for pk, about in Notification.objects.filter(kind=kind, status=NotificationStatus.PENDING).values_list(
        "pk", "about"
    ):
        grouped[int(about.partition(":")[2])].append(pk)
    return grouped


@transaction.atomic
def notifications_cancel_stale(*, now: dt.datetime) -> int:
    """Pending reminders whose reason went away are cancelled, not sent: a session no longer scheduled, a check-in
    no longer due, an alert no longer open. Moved with filter(status=pending).update(...), so a row the dispatcher
    already took is left to it."""
    stale = []
    reminders = _pending_ids(NotificationKind.SESSION_REMINDER)
    if reminders:
        live = set(
            TreatmentSession.objects.filter(pk__in=reminders, status=SessionStatus.SCHEDULED).values_list(
                "pk", flat=True
            )
        )
        stale += [pk for session_id, pks in reminders.items() if session_id not in live for pk in pks]
    surveys = _pending_ids(NotificationKind.SURVEY_DUE)
    for session_id, pks in _pending_ids(NotificationKind.SURVEY_EXPIRING).items():
        surveys[session_id] += pks
    if surveys:
        live = set(
            SurveyAssignment.objects.filter(pk__in=surveys, status=AssignmentStatus.DUE).values_list("pk", flat=True)
        )
        stale += [pk for assignment_id, pks in surveys.items() if assignment_id not in live for pk in pks]
    escalations = _pending_ids(NotificationKind.ALERT_ESCALATION)
    if escalations:
        live = set(Alert.objects.filter(pk__in=escalations, status=AlertStatus.OPEN).values_list("pk", flat=True))
        stale += [pk for alert_id, pks in escalations.items() if alert_id not in live for pk in pks]
    if not stale:
        return 0
    return Notification.objects.filter(pk__in=stale, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.CANCELLED
    )


def notifications_produce(*, now: dt.datetime) -> Produced:
    """One tick of every producer (the Celery task's body). Each runs in its own transaction."""
    cancelled = notifications_cancel_stale(now=now)
    due, expiring = survey_reminders_produce(now=now)
    return Produced(
        session_reminders=session_reminders_produce(now=now),
        surveys_due=due,
        surveys_expiring=expiring,
        sessions_missed=missed_session_nudges_produce(now=now),
        digests=alert_digests_produce(now=now),
        escalations=alert_escalations_produce(now=now),
        cancelled=cancelled,
    )
