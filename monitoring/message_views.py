"""Message pages (issue 10): the patient's `/messages/` (their threads, a new one, one thread with a reply form) and
the physician's `/inbox/` (threads of their patients, unread first) with one patient's thread and a new thread to a
patient. Plain forms, no JavaScript needed. Each write is one service of monitoring.messages; reads are
monitoring.message_selectors. Clinic admins are refused every page: messages are between the patient and their care
team.

Every page shows, before the messages, that messages are not for emergencies, with the clinic's emergency number and
its reply time.
"""

from django import forms
from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError, raise_http
from monitoring import message_selectors, messages
from monitoring.models import MAX_MESSAGE

PAGE_SIZE = 25


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MAX_MESSAGE,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Text only, up to {MAX_MESSAGE} characters. Messages cannot be changed or deleted once sent.",
        error_messages={"required": "Write your message."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ThreadForm(ReplyForm):
    subject = forms.CharField(
        label="Subject",
        max_length=messages.MAX_SUBJECT,
        help_text="A few words on what it is about.",
        error_messages={"required": "Give the conversation a subject."},
    )
    field_order = ["subject", "body"]


def _context(request, patient, **values) -> dict:
    # The footer reads user.clinic: it is the patient's clinic (the patient and their care team belong to it), already
    # loaded by patient_get — no second query for the same row.
    request.user.clinic = patient.clinic
    return {"patient": patient, "clinic": patient.clinic, **values}


def _send(request, form, thread) -> bool:
    try:
        messages.message_send(actor=request.user, thread=thread, body=form.cleaned_data["body"])
    except DomainError as refused:
        raise_http(refused)
        form.add_error("body", refused.message)
        return False
    flash.success(request, "Message sent.")
    return True


def _start(request, form, patient):
    try:
        return messages.message_thread_start(
            actor=request.user,
            patient=patient,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
    except DomainError as refused:
        raise_http(refused)
        form.add_error(None, refused.message)
        return None


def _thread_page(request, patient, thread_pk, *, template: str, url: str):
    """GET: the thread, marked read up to its newest message. POST: a reply, then back to the thread."""
    thread = message_selectors.thread_get(user=request.user, patient=patient, pk=thread_pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and _send(request, form, thread):
        return redirect(url + "#latest")
    shown = thread.messages.all()
    if thread.unread and shown:
        messages.message_thread_mark_read(user=request.user, thread=thread, up_to=shown[len(shown) - 1].sent_at)
    return render(request, template, _context(request, patient, thread=thread, form=form))


# --- The patient's pages ---------------------------------------------------------------------------------------------
@role_required(Role.PATIENT)
def my_messages(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    page = message_selectors.patient_threads_page(
        user=request.user, patient=patient, page_number=request.GET.get("page"), page_size=PAGE_SIZE
    )
    return render(request, "monitoring/messages/my_list.html", _context(request, patient, page=page))


@role_required(Role.PATIENT)
def my_message_new(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    form = ThreadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        thread = _start(request, form, patient)
        if thread is not None:
            flash.success(request, "Message sent. Your care team will see it in their inbox.")
            return redirect("my_message_thread", thread_pk=thread.pk)
    return render(request, "monitoring/messages/my_new.html", _context(request, patient, form=form))


@role_required(Role.PATIENT)
def my_message_thread(request, thread_pk):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return _thread_page(
        request,
        patient,
        thread_pk,
        template="monitoring/messages/my_thread.html",
        url=reverse("my_message_thread", kwargs={"thread_pk": thread_pk}),
    )


# --- The physician's pages -------------------------------------------------------------------------------------------
@role_required(Role.PHYSICIAN)
def message_inbox(request):
    page = message_selectors.inbox_page(user=request.user, page_number=request.GET.get("page"), page_size=PAGE_SIZE)
    return render(request, "monitoring/messages/inbox.html", {"page": page, "clinic": request.user.clinic})


@patient_page(Role.PHYSICIAN)
def patient_message_thread(request, patient_pk, thread_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    return _thread_page(
        request,
        patient,
        thread_pk,
        template="monitoring/messages/thread.html",
        url=reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread_pk}),
    )


@patient_page(Role.PHYSICIAN)
def patient_message_new(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    form = ThreadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        thread = _start(request, form, patient)
        if thread is not None:
            flash.success(request, f"Message sent to {patient.user.full_name}.")
            return redirect("patient_message_thread", patient_pk=patient.pk, thread_pk=thread.pk)
    return render(request, "monitoring/messages/new.html", _context(request, patient, form=form))
