"""Messages between a patient and their care team (issue 10): the writes, and the reply-time check.

A thread belongs to one patient; the patient and the physicians on their care team write in it, in text only.
Clinic admins take no part: messages are between the patient and their care team, so they neither read nor write
them. Messages are clinical records — no service edits or deletes one, and PostgreSQL refuses UPDATE and DELETE
(migration 0007).

Each write is one transaction with its audit row (who wrote in which patient's thread — never the text). A new
message queues an outbox notification to whoever should answer it: the patient when a physician writes, every
physician on the care team when the patient writes. The notification says only "You have a new message in
Anodyne" with a link to the thread (monitoring.notifications.render). A thread whose patient has waited past the
clinic's reply time raises one MESSAGE_UNANSWERED alert (`messages_unanswered_alert`, a beat task); a care-team
reply resolves it, with the replying physician as its actor.
"""

import datetime as dt
import re

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, CareTeamMembership, Patient, Role, User
from anodyne.errors import DomainError
from monitoring import reminders, services
from monitoring.models import (
    MAX_MESSAGE,
    UNRESOLVED,
    Alert,
    AlertKind,
    Message,
    MessageRead,
    MessageThread,
    Notification,
    NotificationKind,
    NotificationStatus,
    Severity,
)

MAX_SUBJECT = MessageThread._meta.get_field("subject").max_length
ANSWERED_NOTE = "Answered in the message thread."
# The smallest reply time a clinic may set (accounts.models.Clinic.message_reply_hours): the scan reads no thread
# that has waited less.
SHORTEST_REPLY_TIME = dt.timedelta(hours=1)

# Text only: line breaks and tabs are kept, every other control character (NUL among them, which PostgreSQL refuses
# in text) is dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unanswered_summary(hours: int) -> str:
    return (
        "A message from the patient has waited longer than the clinic's reply time "
        f"({hours} hour{'' if hours == 1 else 's'})."
    )


def thread_cause(thread_pk: int) -> str:
    """The alert cause of a thread (an unanswered-message alert names it)."""
    return f"thread:{thread_pk}"


def notification_about(thread: MessageThread) -> str:
    """What a message notification is about: the thread and its patient, both needed for its link (so that
    rendering one costs no query). Ids only, nothing of the content."""
    return f"thread:{thread.pk}:patient:{thread.patient_id}"


# --- Who takes part ------------------------------------------------------------------------------------------------
def _require_participant(actor: User, patient_id: int, *, missing: str) -> None:
    """The patient themself, or a physician on their care team. Whoever may not see the patient is told it does not
    exist (a 404 on the pages); a clinic admin is told that messages are not theirs."""
    may_see = (
        actor.is_authenticated and actor.is_active and Patient.objects.visible_to(actor).filter(pk=patient_id).exists()
    )
    if not may_see:
        raise DomainError(missing, code="not_found")
    if actor.role == Role.CLINIC_ADMIN:
        raise DomainError(
            "Messages are between the patient and their care team: clinic admins do not read or write them.",
            code="forbidden",
        )
    if actor.role not in (Role.PATIENT, Role.PHYSICIAN):
        raise DomainError("Only the patient and the physicians on their care team write messages.", code="forbidden")


def is_participant(user: User, patient: Patient) -> bool:
    """Whether this person takes part in the patient's threads: the patient, or a physician on the care team. Reads
    the care team that accounts.selectors.patient_get prefetched (no query then)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.PATIENT:
        return patient.user_id == user.pk
    if user.role == Role.PHYSICIAN:
        return any(m.physician.user_id == user.pk for m in patient.care_team_memberships.all())
    return False


# --- Text ----------------------------------------------------------------------------------------------------------
def _clean_body(body: str) -> str:
    body = _CONTROL.sub("", (body or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not body:
        raise DomainError("Write your message.", code="text_required")
    if len(body) > MAX_MESSAGE:
        raise DomainError(f"Keep the message to {MAX_MESSAGE} characters (it has {len(body)}).", code="text_too_long")
    return body


def _clean_subject(subject: str) -> str:
    subject = " ".join(_CONTROL.sub("", subject or "").split())
    if not subject:
        raise DomainError("Give the conversation a subject.", code="subject_required")
    if len(subject) > MAX_SUBJECT:
        raise DomainError(
            f"Keep the subject to {MAX_SUBJECT} characters (it has {len(subject)}).", code="subject_too_long"
        )
    return subject


# --- Writes --------------------------------------------------------------------------------------------------------
@transaction.atomic
def message_thread_start(*, actor: User, patient: Patient, subject: str, body: str) -> MessageThread:
    """A new thread with its first message: by the patient, or by a physician on their care team."""
    _require_participant(actor, patient.pk, missing="No such patient.")
    subject, body = _clean_subject(subject), _clean_body(body)
    now = timezone.now()
    thread = MessageThread.objects.create(
        patient=patient,
        clinic_id=patient.clinic_id,
        subject=subject,
        started_by=actor,
        created_at=now,
        last_message_at=now,
        awaiting_care_team=actor.role == Role.PATIENT,
    )
    # The subject is the patient's words: it stays in the thread, never in the audit row.
    audit.record(AuditAction.CREATE, actor=actor, object_type="message_thread", object_id=thread.pk, patient=patient)
    _post(actor=actor, thread=thread, body=body, now=now)
    return thread


@transaction.atomic
def message_send(*, actor: User, thread: MessageThread, body: str) -> Message:
    """A message in a thread, by its patient or a physician on the care team. A care-team reply to a patient who
    was waiting resolves the thread's unanswered-message alert, if one was raised."""
    _require_participant(actor, thread.patient_id, missing="No such conversation.")
    return _post(actor=actor, thread=thread, body=_clean_body(body), now=timezone.now())


def _post(*, actor: User, thread: MessageThread, body: str, now: dt.datetime) -> Message:
    from_patient = actor.role == Role.PATIENT
    # The thread row moves forward only: of two messages at once the later one decides whether the care team owes
    # a reply (the UPDATE locks the row, so they queue; an older one finds a newer time and changes nothing).
    if MessageThread.objects.filter(pk=thread.pk, last_message_at__lte=now).update(
        last_message_at=now, awaiting_care_team=from_patient
    ):
        thread.last_message_at, thread.awaiting_care_team = now, from_patient
    message = Message.objects.create(thread=thread, author=actor, body=body, sent_at=now)
    # Whoever writes has read the thread up to their own message.
    _mark_read(user=actor, thread=thread, up_to=now)
    # The text is health information: it stays in the message, never in the audit row.
    audit.record(AuditAction.CREATE, actor=actor, object_type="message", object_id=message.pk, patient=thread.patient)
    if not from_patient:
        _resolve_unanswered(actor=actor, thread=thread)
    _notify(thread=thread, from_patient=from_patient, at=now)
    return message


def _resolve_unanswered(*, actor: User, thread: MessageThread) -> None:
    # Locked, so that of two physicians answering at once the second finds it resolved and leaves it be.
    alerts = Alert.objects.select_for_update(of=("self",)).filter(
        patient_id=thread.patient_id,
        kind=AlertKind.MESSAGE_UNANSWERED,
        cause=thread_cause(thread.pk),
        status__in=UNRESOLVED,
    )
    for alert in alerts.select_related("patient"):
        services.alert_resolve(actor=actor, alert=alert, note=ANSWERED_NOTE)


def _notify(*, thread: MessageThread, from_patient: bool, at: dt.datetime) -> int:
    """One outbox row per channel each recipient has on (monitoring.reminders.channels_for; the dispatcher holds it
    through their quiet hours). A recipient who already has one waiting to be sent about this thread gets no
    second: a patient writing three times during the night wakes nobody three times."""
    if from_patient:
        memberships = CareTeamMembership.objects.filter(
            patient_id=thread.patient_id, physician__user__is_active=True
        ).select_related("physician__user__notification_preference")
        recipients = [(membership.physician.user, "") for membership in memberships]
    else:
        patient = Patient.objects.select_related("user__notification_preference").get(pk=thread.patient_id)
        recipients = [(patient.user, patient.phone)] if patient.user.is_active else []
    if not recipients:
        return 0
    about = notification_about(thread)
    waiting = set(
        Notification.objects.filter(
            kind=NotificationKind.MESSAGE,
            about=about,
            status=NotificationStatus.PENDING,
            recipient__in=[user for user, _ in recipients],
        ).values_list("recipient_id", "channel")
    )
    queued = 0
    for user, phone in recipients:
        for channel in reminders.channels_for(user, phone=phone):
            if (user.pk, channel) in waiting:
                continue
            services.notification_enqueue(
                recipient=user, channel=channel, kind=NotificationKind.MESSAGE, about=about, send_after=at
            )
            queued += 1
    return queued


def message_thread_mark_read(*, user: User, thread: MessageThread, up_to: dt.datetime | None = None) -> None:
    """This person has read the thread up to `up_to` (the newest message they were shown; by default the thread's
    last message). Only ever moves forward. Not a change to the record, so not audited: the page that showed the
    thread audited the reading.

    The caller has read the thread through monitoring.message_selectors.thread_get (the patient through
    accounts.selectors.patient_get), which already decided who may; this checks it again from what that loaded."""
    if not is_participant(user, thread.patient):
        raise DomainError("No such conversation.", code="not_found")
    _mark_read(user=user, thread=thread, up_to=up_to or thread.last_message_at)


def _mark_read(*, user: User, thread: MessageThread, up_to: dt.datetime) -> None:
    # An upsert that never moves back: raise an older mark, else insert one (a mark already as new as this one
    # makes the insert a no-op). One query when the row exists, two the first time; no savepoint.
    if not MessageRead.objects.filter(thread=thread, user=user, read_at__lt=up_to).update(read_at=up_to):
        MessageRead.objects.bulk_create([MessageRead(thread=thread, user=user, read_at=up_to)], ignore_conflicts=True)


# --- The clinic's reply time -----------------------------------------------------------------------------------------
def waiting_since() -> Subquery:
    """For a thread (OuterRef "pk"): when the patient's oldest message that nobody has answered yet was sent —
    the patient's message with no later message by someone else. None when the care team had the last word."""
    later_reply = Message.objects.filter(thread_id=OuterRef("thread_id"), sent_at__gt=OuterRef("sent_at")).exclude(
        author_id=OuterRef("author_id")
    )
    unanswered = (
        Message.objects.filter(thread_id=OuterRef("pk"), author_id=OuterRef("patient__user_id"))
        .exclude(Exists(later_reply))
        .order_by("sent_at", "pk")
    )
    return Subquery(unanswered.values("sent_at")[:1])


def _alerted_since(cause_thread_pk) -> Exists:
    """An unanswered-message alert of the thread raised since the patient began waiting (open or already resolved:
    a physician who resolved it by telephone is not asked again for the same wait)."""
    return Exists(
        Alert.objects.filter(
            kind=AlertKind.MESSAGE_UNANSWERED,
            patient_id=OuterRef("patient_id"),
            cause=cause_thread_pk,
            first_raised_at__gte=OuterRef("waiting_since"),
        )
    )


def _waiting_threads():
    cause = Concat(Value("thread:"), Cast(OuterRef("pk"), CharField()), output_field=CharField())
    return (
        MessageThread.objects.filter(awaiting_care_team=True)
        .annotate(waiting_since=waiting_since())
        .annotate(alerted=_alerted_since(cause))
    )


def messages_unanswered_alert(*, now: dt.datetime) -> int:
    """A thread whose patient has waited longer than their clinic's reply time raises one medium
    MESSAGE_UNANSWERED alert (cause "thread:<id>") — once per wait: a second tick, or two at once, adds nothing, and
    a reply (which resolves it) starts the count again for the patient's next message.

    One query reads every thread waiting past the shortest reply time and not yet alerted for this wait (its patient
    and clinic joined in); then each due thread in its own transaction, with its row locked and re-read, so that a
    reply committed meanwhile, or a concurrent tick, is seen. Returns how many alerts were raised."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    candidates = (
        _waiting_threads()
        .filter(waiting_since__lte=now - SHORTEST_REPLY_TIME, alerted=False)
        .select_related("patient", "clinic")
        .order_by("waiting_since", "pk")
    )
    raised = 0
    for thread in candidates:
        if not _due(thread, now):
            continue
        with transaction.atomic():
            # Lock first, then read again in a statement of its own: its snapshot, taken once the lock is held,
            # sees the reply or the other tick's alert that committed while this one waited.
            waiting = MessageThread.objects.select_for_update().filter(pk=thread.pk, awaiting_care_team=True)
            if waiting.values_list("pk", flat=True).first() is None:
                continue
            locked = _waiting_threads().filter(pk=thread.pk).select_related("patient", "clinic").first()
            if locked is None or locked.waiting_since is None or locked.alerted or not _due(locked, now):
                continue
            services.alert_raise(
                patient=locked.patient,
                kind=AlertKind.MESSAGE_UNANSWERED,
                severity=Severity.MEDIUM,
                cause=thread_cause(locked.pk),
                summary=unanswered_summary(locked.clinic.message_reply_hours),
            )
            raised += 1
    return raised


def _due(thread: MessageThread, now: dt.datetime) -> bool:
    return thread.waiting_since + dt.timedelta(hours=thread.clinic.message_reply_hours) <= now
