"""Reads about messages that the message pages share. Query counts do not grow with threads or messages.

Who reads: the patient (their own threads) and the physicians on their care team (the threads of the patients they
may see, accounts.models.PatientQuerySet.visible_to). Clinic admins read none: messages are between the patient and
their care team. A page about one patient has already read the patient through accounts.selectors.patient_get (which
audits the access and decides who may see them); `patient_threads` and `thread_get` are scoped to that patient and
audit nothing again. The physician's inbox lists several patients: each listed patient is audited
(accounts.audit.patients_listed), as every list of patients is.

"Unread" for a person: a message by someone else that their read mark (MessageRead) does not cover.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from accounts import audit
from accounts.models import Patient, Role, User
from monitoring.models import Message, MessageRead, MessageThread

READERS = (Role.PATIENT, Role.PHYSICIAN)


def unread_for(user: User) -> Exists:
    """For a thread (OuterRef "pk"): whether it holds a message by someone else sent after this person's read mark."""
    covered = MessageRead.objects.filter(
        thread_id=OuterRef("thread_id"), user_id=user.pk, read_at__gte=OuterRef("sent_at")
    )
    return Exists(Message.objects.filter(thread_id=OuterRef("pk")).exclude(author_id=user.pk).exclude(Exists(covered)))


def _last_reply(field: str) -> Subquery:
    """A field of the newest message in the thread by someone other than its patient (a care-team reply)."""
    replies = (
        Message.objects.filter(thread_id=OuterRef("pk"))
        .exclude(author_id=OuterRef("patient__user_id"))
        .order_by("-sent_at", "-pk")
    )
    return Subquery(replies.values(field)[:1])


def _last_author(field: str) -> Subquery:
    return Subquery(Message.objects.filter(thread_id=OuterRef("pk")).order_by("-sent_at", "-pk").values(field)[:1])


# --- Who wrote: name and role, as the reader sees it ----------------------------------------------------------------
@dataclass(frozen=True)
class Author:
    name: str
    role: str
    is_reader: bool

    def label(self, *, for_patient: bool) -> str:
        """ "Dr. Elena Rivera, your physician" for the patient; "Maya Patel, patient" for the care team."""
        if self.role == Role.PHYSICIAN:
            who = f"Dr. {self.name}"
            if self.is_reader:
                return f"{who} (you)"
            return f"{who}, your physician" if for_patient else f"{who}, physician"
        if self.is_reader:
            return "You"
        return f"{self.name}, patient"


def author_label(user: User, *, reader: User) -> str:
    return Author(user.full_name, user.role, user.pk == reader.pk).label(for_patient=reader.role == Role.PATIENT)


# --- The patient's threads -------------------------------------------------------------------------------------------
def patient_threads(*, user: User, patient: Patient) -> QuerySet:
    """The patient's threads, newest activity first, each with the reader's unread flag and the care team's last
    answer (who, their role, when; None before anyone answered). One query per page. Nothing for a clinic admin."""
    if user.role not in READERS:
        return MessageThread.objects.none()
    return (
        MessageThread.objects.filter(patient=patient)
        .annotate(
            unread=unread_for(user),
            answered_at=_last_reply("sent_at"),
            answered_by_name=_last_reply("author__full_name"),
            answered_by_role=_last_reply("author__role"),
            answered_by_id=_last_reply("author_id"),
        )
        .order_by("-last_message_at", "-pk")
    )


def patient_threads_page(*, user: User, patient: Patient, page_number=None, page_size: int = 25) -> Page:
    """One page of `patient_threads` (the count and the page: two queries), each thread's `answered_by` the name and
    role of who answered last ("Dr. Elena Rivera, your physician"), or None."""
    page = Paginator(patient_threads(user=user, patient=patient), page_size).get_page(page_number)
    for_patient = user.role == Role.PATIENT
    for thread in page.object_list:
        thread.answered_by = (
            Author(thread.answered_by_name, thread.answered_by_role, thread.answered_by_id == user.pk).label(
                for_patient=for_patient
            )
            if thread.answered_by_name
            else None
        )
    return page


# --- The physician's inbox -------------------------------------------------------------------------------------------
def inbox(*, user: User) -> QuerySet:
    """The threads of every patient this physician may see: unread first, then newest activity first, each with
    its patient and who wrote last. Nothing for anyone but a physician."""
    if user.role != Role.PHYSICIAN:
        return MessageThread.objects.none()
    return (
        MessageThread.objects.filter(patient__in=Patient.objects.visible_to(user))
        .select_related("patient__user")
        .annotate(
            unread=unread_for(user),
            last_author_name=_last_author("author__full_name"),
            last_author_role=_last_author("author__role"),
            last_author_id=_last_author("author_id"),
        )
        .order_by(F("unread").desc(), "-last_message_at", "-pk")
    )


def inbox_page(*, user: User, page_number=None, page_size: int = 25) -> Page:
    """One page of the inbox (the count and the page: two queries); each patient listed is an audited access to
    their record (one batch)."""
    page = Paginator(inbox(user=user), page_size).get_page(page_number)
    for thread in page.object_list:
        thread.last_author = Author(
            thread.last_author_name, thread.last_author_role, thread.last_author_id == user.pk
        ).label(for_patient=False)
    audit.patients_listed(actor=user, patients=list({t.patient_id: t.patient for t in page.object_list}.values()))
    return page


# --- One thread ------------------------------------------------------------------------------------------------------
def thread_get(*, user: User, patient: Patient, pk: int) -> MessageThread:
    """One of the patient's threads with its messages and their authors, oldest first (two queries), the reader's
    unread flag, the care team's last answer (`last_answer`), and `patient` set to the patient already read. A 404 for anyone who does not take part in it (a
    clinic admin) and for a thread that is not this patient's."""
    if user.role not in READERS:
        raise Http404("No such conversation.")
    thread = (
        MessageThread.objects.filter(patient=patient, pk=pk)
        .annotate(unread=unread_for(user))
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.select_related("author").order_by("sent_at", "pk"))
        )
        .first()
    )
    if thread is None:
        raise Http404("No such conversation.")
    thread.patient = patient
    thread.last_answer = None  # the care team's newest message: who answered, and when
    for message in thread.messages.all():
        message.author_label = author_label(message.author, reader=user)
        message.by_reader = message.author_id == user.pk
        if message.author_id != patient.user_id:
            thread.last_answer = message
    return thread
