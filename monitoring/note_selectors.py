"""Reads about clinical notes that the notes pages share. Query counts do not grow with rows.

The caller has already read the patient through accounts.selectors.patient_get (which audits the access and decides
who may see them); everything here is scoped to that patient and audits nothing again. A reader sees the patient's
signed notes and their own drafts — never another physician's draft, which is that author's alone until signed.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Patient, User
from monitoring.models import Alert, ClinicalNote, ClinicalNoteAddendum
from treatment.models import TreatmentSession


def notes_for(*, user: User, patient: Patient) -> QuerySet:
    """The patient's signed notes and this user's own drafts, newest first, each with its author, the session or
    alert it is about, and its addenda (oldest first, with their authors: one prefetch query)."""
    return (
        ClinicalNote.objects.filter(patient=patient)
        .filter(Q(signed_at__isnull=False) | Q(author_id=user.pk))
        .select_related("author", "session", "alert")
        .prefetch_related(
            Prefetch(
                "addenda", queryset=ClinicalNoteAddendum.objects.select_related("author").order_by("created_at", "pk")
            )
        )
        .order_by("-created_at", "-pk")
    )


def notes_page(*, user: User, patient: Patient, page_number=None, page_size: int = 25) -> Page:
    """One page of `notes_for`: the count, the notes, their addenda — three queries for any number of notes."""
    return Paginator(notes_for(user=user, patient=patient), page_size).get_page(page_number)


def note_get(*, user: User, patient: Patient, pk: int) -> ClinicalNote:
    """One of the patient's notes that this user may read (signed, or their own draft), with its addenda; a 404
    otherwise."""
    return get_object_or_404(notes_for(user=user, patient=patient), pk=pk)


def note_subject(*, patient: Patient, session_pk=None, alert_pk=None) -> tuple[TreatmentSession | None, Alert | None]:
    """The session or alert of this patient that a new note is about (from the page's `?session=` or `?alert=`);
    a 404 when it is not this patient's. One query when either is given."""
    session = alert = None
    try:
        if session_pk:
            session = get_object_or_404(TreatmentSession.objects.filter(patient=patient), pk=int(session_pk))
        if alert_pk:
            alert = get_object_or_404(Alert.objects.filter(patient=patient), pk=int(alert_pk))
    except (TypeError, ValueError):
        raise Http404("No such session or alert.") from None
    return session, alert
