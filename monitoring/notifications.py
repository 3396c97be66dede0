"""The notification outbox: the text of a message (render) and sending what is due (dispatch_due), exactly once.
Rows are queued by monitoring.services.notification_enqueue inside the transaction that causes them.

How "exactly once" holds (README, "Notifications and operations"):
1. A row is written once: its idempotency key (kind, object, channel, recipient, minute) is unique.
2. dispatch_due claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and moves them to *sending* in one short
   transaction, so two workers or two ticks never claim the same row. The claim time (sending_started_at) is the
   claimant's lease: every later write names it, so a worker whose lease was taken over writes nothing.
3. The provider is called outside any transaction, then the row moves to *sent*. A row still *sending* after
   ANODYNE_NOTIFICATION_STALE_SECONDS (its worker died) is claimed again and resent with the same idempotency key
   (a stable email Message-ID). The one window where a message can go out twice is a crash between the provider
   accepting the message and the *sent* commit; before each send the lease is renewed, so the window is one
   provider call, never a batch.
"""

import datetime as dt
import time
from dataclasses import dataclass, fields
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationPreference, User
from monitoring import selectors
from monitoring.models import AlertStatus, Notification, NotificationChannel, NotificationKind, NotificationStatus
from monitoring.transports import transport_for


# --- Text -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    link: str


# Subjects say only that something in Anodyne wants attention: no drug, dose, condition, score or name. A lock
# screen, a shared inbox or a phone bill shows these.
_SUBJECTS = {
    NotificationKind.SESSION_REMINDER: "Your session is coming up in Anodyne",
    NotificationKind.SURVEY_DUE: "You have a check-in due in Anodyne",
    NotificationKind.SURVEY_EXPIRING: "A check-in in Anodyne closes soon",
    NotificationKind.SESSION_MISSED: "A session was not logged in Anodyne",
    NotificationKind.ALERT_ESCALATION: "A critical alert needs acknowledgment in Anodyne",
    NotificationKind.MESSAGE: "You have a new message in Anodyne",
}
_PAGES = {
    NotificationKind.SESSION_REMINDER: "today",
    NotificationKind.SURVEY_DUE: "survey_list",
    NotificationKind.SURVEY_EXPIRING: "survey_list",
    NotificationKind.SESSION_MISSED: "today",
    NotificationKind.ALERT_DIGEST: "alert_list",
    NotificationKind.ALERT_ESCALATION: "alert_list",
}


def _url(name: str) -> str:
    return settings.ANODYNE_BASE_URL + reverse(name)


def _message_link(notification: Notification) -> str:
    """The thread itself (monitoring.messages.notification_about: "thread:<id>:patient:<id>"): the patient's own page,
    or the care team's page of that patient. Both ids are in `about`, so rendering costs no query."""
    _, thread_pk, _, patient_pk = notification.about.split(":")
    if notification.recipient is not None and notification.recipient.is_patient:
        return settings.ANODYNE_BASE_URL + reverse("my_message_thread", kwargs={"thread_pk": thread_pk})
    return settings.ANODYNE_BASE_URL + reverse(
        "patient_message_thread", kwargs={"patient_pk": patient_pk, "thread_pk": thread_pk}
    )


def render(notification: Notification) -> Message:
    """The subject, body and link of a notification: no health information, only a count for the digest."""
    if notification.kind == NotificationKind.ALERT_DIGEST:
        count = selectors.alerts_for(user=notification.recipient, status=AlertStatus.OPEN).count()
        subject = f"You have {count} open alert{'' if count == 1 else 's'} in Anodyne"
    else:
        subject = _SUBJECTS[notification.kind]
    if notification.kind == NotificationKind.MESSAGE:
        link = _message_link(notification)
    else:
        link = _url(_PAGES[notification.kind])
    if notification.channel == NotificationChannel.SMS:
        return Message(subject=subject, body=f"{subject}: {link}", link=link)
    body = (
        f"{subject}.\n\n"
        f"Open Anodyne to see it (you will be asked to sign in first):\n{link}\n\n"
        "You can change how Anodyne reaches you on your notification preferences page.\n"
    )
    return Message(subject=subject, body=body, link=link)


# --- Quiet hours ------------------------------------------------------------------------------------------------
def recipient_zone(user: User) -> ZoneInfo:
    """A patient's own time zone; staff: their clinic's."""
    patient = getattr(user, "patient", None) if user.is_patient else None
    if patient is not None:
        return ZoneInfo(patient.time_zone)
    return ZoneInfo(user.clinic.time_zone if user.clinic_id else settings.TIME_ZONE)


def quiet_hours(user: User) -> tuple[dt.time, dt.time]:
    """The person's quiet hours, else their clinic's defaults."""
    try:
        preference = user.notification_preference
    except NotificationPreference.DoesNotExist:
        preference = None
    if preference is not None:
        return preference.quiet_hours_start, preference.quiet_hours_end
    if user.clinic_id:
        return user.clinic.quiet_hours_start, user.clinic.quiet_hours_end
    return dt.time(21, 0), dt.time(8, 0)


def quiet_hours_end(*, at: dt.datetime, zone: ZoneInfo, start: dt.time, end: dt.time) -> dt.datetime | None:
    """If `at` falls in quiet hours [start, end) on the wall clock of `zone`, the moment they end (UTC); else None.

    Quiet hours may wrap midnight (21:00-08:00). An end that falls in a spring-forward gap is read with the offset
    before the change (fold=0), i.e. the first moment after the gap — never an hour early.
    """
    local = at.astimezone(zone)
    now = local.time().replace(tzinfo=None)
    if start < end:
        quiet, end_day = start <= now < end, local.date()
    else:
        quiet = now >= start or now < end
        end_day = local.date() + dt.timedelta(days=1) if now >= start else local.date()
    if not quiet:
        return None
    return dt.datetime.combine(end_day, end, tzinfo=zone).astimezone(dt.UTC)


def _channel_disabled(notification: Notification) -> bool:
    if notification.recipient is None:
        return False
    try:
        preference = notification.recipient.notification_preference
    except NotificationPreference.DoesNotExist:
        return False
    if notification.channel == NotificationChannel.EMAIL:
        return not preference.email_enabled
    if notification.channel == NotificationChannel.SMS:
        return not preference.sms_enabled
    return False


# --- Dispatch ---------------------------------------------------------------------------------------------------
@dataclass
class DispatchResult:
    sent: int = 0
    failed: int = 0  # gave up after ANODYNE_NOTIFICATION_MAX_ATTEMPTS
    expired: int = 0
    deferred: int = 0  # held to the end of quiet hours
    retried: int = 0  # failed this time, back to pending with backoff
    cancelled: int = 0  # the person turned the channel off after it was queued
    skipped: int = 0  # another worker took the row over (its lease had run out)

    @property
    def handled(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def add(self, other: "DispatchResult") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes after the n-th failure, at most an hour."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 60))


def _due(now: dt.datetime) -> Q:
    stale_before = now - dt.timedelta(seconds=settings.ANODYNE_NOTIFICATION_STALE_SECONDS)
    return Q(status=NotificationStatus.PENDING, send_after__lte=now) | Q(
        status=NotificationStatus.SENDING, sending_started_at__lt=stale_before
    )


def _claim(*, now: dt.datetime, limit: int, result: DispatchResult) -> list[tuple[Notification, dt.datetime]]:
    """In one short transaction: lock due rows no one else holds; expire, defer, cancel or mark sent (in-app) what
    needs no provider, and move the rest to *sending*. Returns (row, lease) pairs to send."""
    to_send = []
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due(now))
            .select_related("recipient__clinic", "recipient__notification_preference", "recipient__patient")
            .order_by("send_after", "pk")[:limit]
        )
        for row in rows:
            if row.expires_at is not None and row.expires_at <= now:
                row.status = NotificationStatus.EXPIRED
                Notification.objects.filter(pk=row.pk).update(status=row.status, sending_started_at=None)
                result.expired += 1
            elif row.channel == NotificationChannel.IN_APP:
                Notification.objects.filter(pk=row.pk).update(status=NotificationStatus.SENT, sent_at=now)
                result.sent += 1
            elif _channel_disabled(row) and not row.urgent:
                Notification.objects.filter(pk=row.pk).update(status=NotificationStatus.CANCELLED)
                result.cancelled += 1
            elif not row.urgent and (end := _quiet_end(row, now)) is not None:
                Notification.objects.filter(pk=row.pk).update(
                    status=NotificationStatus.PENDING, send_after=end, sending_started_at=None
                )
                result.deferred += 1
            else:
                lease = timezone.now()
                Notification.objects.filter(pk=row.pk).update(
                    status=NotificationStatus.SENDING, sending_started_at=lease
                )
                to_send.append((row, lease))
    return to_send


def _quiet_end(row: Notification, now: dt.datetime) -> dt.datetime | None:
    if row.recipient is None:
        return None  # only urgent escalations go to an address without an account
    start, end = quiet_hours(row.recipient)
    return quiet_hours_end(at=now, zone=recipient_zone(row.recipient), start=start, end=end)


def _send_one(row: Notification, lease: dt.datetime, *, now: dt.datetime, result: DispatchResult) -> None:
    # Renew the lease just before the call: the stale limit then bounds one provider call, not a whole batch, and
    # a worker that lost its lease (another claimed the row as stale) sends nothing.
    renewed = timezone.now()
    if not Notification.objects.filter(pk=row.pk, status=NotificationStatus.SENDING, sending_started_at=lease).update(
        sending_started_at=renewed
    ):
        result.skipped += 1
        return
    mine = Notification.objects.filter(pk=row.pk, status=NotificationStatus.SENDING, sending_started_at=renewed)
    try:
        provider_message_id = transport_for(row.channel).send(row, render(row))
    except Exception as error:  # any provider failure: retry later, the same key
        attempts = row.attempts + 1
        gave_up = attempts >= settings.ANODYNE_NOTIFICATION_MAX_ATTEMPTS
        # The error names the provider's complaint, never the message (which carries no health data anyway).
        mine.update(
            status=NotificationStatus.FAILED if gave_up else NotificationStatus.PENDING,
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:300],
            send_after=now + _backoff(attempts),
            sending_started_at=None,
        )
        if gave_up:
            result.failed += 1
        else:
            result.retried += 1
        return
    if mine.update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), provider_message_id=provider_message_id[:200]
    ):
        result.sent += 1
    else:
        result.skipped += 1


def dispatch_due(*, now: dt.datetime, limit: int = 100) -> DispatchResult:
    """Send up to `limit` due notifications (pending with send_after <= now, or stuck in *sending*). Safe to run in
    any number of processes at once."""
    result = DispatchResult()
    for row, lease in _claim(now=now, limit=limit, result=result):
        _send_one(row, lease, now=now, result=result)
    return result


def dispatch_all_due(*, limit: int = 100, budget_seconds: float = 60) -> DispatchResult:
    """Batches of dispatch_due until nothing is due (or another worker holds the rest), within a time budget that
    keeps the task under its time limit; the next tick goes on."""
    total = DispatchResult()
    started = time.monotonic()
    while time.monotonic() - started < budget_seconds:
        batch = dispatch_due(now=timezone.now(), limit=limit)
        total.add(batch)
        if batch.handled == 0:
            break
    return total
