"""Clinical notes pages: a patient's notes, a new note (a draft or signed at once), one note (its author edits and
signs a draft; a signed note is read with its addenda under it) and an addendum to a signed note.

Physicians of the care team write; clinic admins read signed notes only; patients are refused these staff pages
(403). Each write is one service of monitoring.notes; these views parse the request, call it and render.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page
from anodyne.errors import DomainError, raise_http
from monitoring import note_selectors, notes
from monitoring.models import MAX_CLINICAL_NOTE

NOTES_PAGE_SIZE = 25


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        max_length=MAX_CLINICAL_NOTE,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="A draft is yours alone until you sign it. Once signed, the note is final: corrections are addenda.",
        error_messages={"required": "Write the note."},
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        max_length=MAX_CLINICAL_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A correction or addition, shown under the original with your name and the time.",
        error_messages={"required": "Write the addendum."},
    )


def _detail_url(note) -> str:
    return reverse("clinical_note_detail", kwargs={"patient_pk": note.patient_id, "note_pk": note.pk})


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def clinical_notes(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    page = note_selectors.notes_page(
        user=request.user, patient=patient, page_number=request.GET.get("page"), page_size=NOTES_PAGE_SIZE
    )
    return render(
        request,
        "monitoring/notes/list.html",
        {"patient": patient, "page": page, "tz_name": patient.time_zone, "may_write": request.user.is_physician},
    )


@patient_page(Role.PHYSICIAN)
def clinical_note_new(request, patient_pk):
    """GET: the form (about `?session=` or `?alert=`, if given). POST: "Save draft" or "Sign"."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    data = request.POST if request.method == "POST" else request.GET
    session, alert = note_selectors.note_subject(
        patient=patient, session_pk=data.get("session"), alert_pk=data.get("alert")
    )
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sign = "sign" in request.POST
        try:
            note = notes.clinical_note_write(
                actor=request.user,
                patient=patient,
                text=form.cleaned_data["text"],
                session=session,
                alert=alert,
                sign=sign,
            )
        except DomainError as refused:
            raise_http(refused)
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Note signed." if sign else "Draft saved. Only you can see it until you sign it.")
            return redirect(_detail_url(note))
    return render(
        request,
        "monitoring/notes/new.html",
        {"patient": patient, "form": form, "session": session, "alert": alert, "tz_name": patient.time_zone},
    )


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def clinical_note_detail(request, patient_pk, note_pk):
    """A draft: its author edits it ("Save draft") or signs it ("Sign"). A signed note: read, with its addenda and
    (for care-team physicians) the addendum form."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    note = note_selectors.note_get(user=request.user, patient=patient, pk=note_pk)
    is_author_draft = not note.is_signed and note.author_id == request.user.pk
    form = (
        NoteForm(request.POST if request.method == "POST" else None, initial={"text": note.text})
        if is_author_draft
        else None
    )
    if request.method == "POST":
        if not request.user.is_physician:
            raise PermissionDenied("Clinic admins read signed notes; a physician on the care team writes them.")
        if form is None:
            messages.error(request, "This note is signed and final: add an addendum to correct it.")
            return redirect(_detail_url(note))
        if form.is_valid():
            sign = "sign" in request.POST
            try:
                if sign:
                    notes.clinical_note_sign(actor=request.user, note=note, text=form.cleaned_data["text"])
                else:
                    notes.clinical_note_update(actor=request.user, note=note, text=form.cleaned_data["text"])
            except DomainError as refused:
                raise_http(refused)
                form.add_error(None, refused.message)
            else:
                messages.success(request, "Note signed." if sign else "Draft saved.")
                return redirect(_detail_url(note))
    return render(
        request,
        "monitoring/notes/detail.html",
        {
            "patient": patient,
            "note": note,
            "form": form,
            "addendum_form": AddendumForm() if note.is_signed and request.user.is_physician else None,
            "tz_name": patient.time_zone,
        },
    )


@patient_page(Role.PHYSICIAN)
def clinical_note_addendum(request, patient_pk, note_pk):
    """GET: the signed note with its addenda and the addendum form. POST: add the addendum, back to the note."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    note = note_selectors.note_get(user=request.user, patient=patient, pk=note_pk)
    form = AddendumForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            notes.clinical_note_addendum_add(actor=request.user, note=note, text=form.cleaned_data["text"])
        except DomainError as refused:
            raise_http(refused)
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Addendum added.")
            return redirect(_detail_url(note) + f"#addenda-{note.pk}")
    return render(
        request,
        "monitoring/notes/addendum.html",
        {"patient": patient, "note": note, "addendum_form": form, "tz_name": patient.time_zone},
    )
