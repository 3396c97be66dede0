"""Adverse events and addenda: the patient reports one at any time, a care-team physician records one for them, and
either corrects a record that is never changed (a completed session, an adverse event) with an addendum.

Views parse and render; treatment.services decides who may write what, and raises the alert (treatment.events).
Every page reads the patient through accounts.selectors.patient_get, which audits the access (one row per view).
"""

import zoneinfo

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError
from treatment import record_selectors as selectors
from treatment import services
from treatment.models import AdverseEventSeverity

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class AdverseEventForm(forms.Form):
    description = forms.CharField(
        label="What happened?",
        max_length=services.MAX_ADVERSE_EVENT_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what happened."},
    )
    started_at = forms.DateTimeField(
        label="When did it start?",
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={"required": "Say when it started.", "invalid": "Enter the date and time it started."},
    )
    severity = forms.ChoiceField(
        label="How bad is it?",
        choices=AdverseEventSeverity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how bad it is."},
    )
    ongoing = forms.BooleanField(label="It is still going on", required=False, initial=True)
    session = forms.TypedChoiceField(
        label="During or after which session?", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, patient, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(patient.time_zone)
        self.sessions = {session.pk: session for session in sessions}
        self.fields["started_at"].help_text = f"In the time zone {patient.time_zone}."
        self.fields["session"].choices = [("", "Not linked to a session")] + [
            (session.pk, _session_label(session, self.zone)) for session in sessions
        ]
        if not sessions:
            del self.fields["session"]

    def full_clean(self):
        # The datetime-local input has no zone: it is the patient's local time.
        with timezone.override(self.zone):
            super().full_clean()

    def cleaned_session(self):
        pk = self.cleaned_data.get("session")
        return self.sessions.get(pk) if pk else None


def _session_label(session, zone) -> str:
    when = timezone.localtime(session.taken_at or session.checked_at, zone)
    return f"{when:%-d %B %Y, %H:%M} ({session.get_status_display().lower()})"


def _initial(patient, sessions, session_pk) -> dict:
    now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(patient.time_zone))
    initial = {"started_at": now.strftime(DATETIME_LOCAL), "ongoing": True}
    if session_pk and session_pk.isdigit() and int(session_pk) in {session.pk for session in sessions}:
        initial["session"] = int(session_pk)
    return initial


def _report(request, form, patient):
    """Call the one service; on refusal the form carries the plain message and nothing was recorded."""
    data = form.cleaned_data
    try:
        return services.adverse_event_report(
            actor=request.user,
            patient=patient,
            description=data["description"],
            started_at=data["started_at"],
            severity=data["severity"],
            ongoing=data["ongoing"],
            session=form.cleaned_session(),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return None


# --- The patient ----------------------------------------------------------------------------------------------------


@role_required(Role.PATIENT)
def adverse_event_new(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    sessions = selectors.sessions_to_link(patient=patient)
    form = AdverseEventForm(
        request.POST or None,
        patient=patient,
        sessions=sessions,
        initial=_initial(patient, sessions, request.GET.get("session")),
    )
    if request.method == "POST" and form.is_valid():
        adverse_event = _report(request, form, patient)
        if adverse_event is not None:
            return redirect("adverse_event_reported", adverse_event_pk=adverse_event.pk)
    return render(
        request,
        "treatment/adverse_events/new.html",
        {"patient": patient, "clinic": patient.clinic, "form": form, "severities": _severities(form, patient)},
    )


def _severities(form, patient) -> list[dict]:
    """The radio buttons with CLINICAL.md's CTCAE descriptions, the emergency number in the life-threatening one."""
    chosen = form["severity"].value()
    descriptions = {
        AdverseEventSeverity.MILD: "Noticeable, but it does not change your daily life.",
        AdverseEventSeverity.MODERATE: "It limits what you can do day to day.",
        AdverseEventSeverity.SEVERE: "Disabling, or you need medical care.",
        AdverseEventSeverity.LIFE_THREATENING: f"Call {patient.clinic.emergency_number} now.",
    }
    return [
        {
            "value": value,
            "label": label.split(" — ")[0],
            "description": descriptions[value],
            "checked": chosen == value,
            "id": f"id_severity_{index}",
        }
        for index, (value, label) in enumerate(AdverseEventSeverity.choices)
    ]


@role_required(Role.PATIENT)
def adverse_event_reported(request, adverse_event_pk):
    """What to do now, first; then that the care team has been told."""
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    adverse_event = selectors.adverse_event_get(patient=patient, pk=adverse_event_pk)
    return render(
        request,
        "treatment/adverse_events/reported.html",
        {
            "patient": patient,
            "clinic": patient.clinic,
            "adverse_event": adverse_event,
            "urgency": selectors.adverse_event_urgency(adverse_event),
            "holds_doses": selectors.adverse_event_holds_doses(adverse_event),
        },
    )


@role_required(Role.PATIENT)
def adverse_event_list_mine(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    return render(
        request,
        "treatment/adverse_events/list.html",
        {"patient": patient, "clinic": patient.clinic, "adverse_events": selectors.adverse_events_for(patient=patient)},
    )


# --- The care team and the clinic -----------------------------------------------------------------------------------


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def adverse_event_list(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    return render(
        request,
        "treatment/adverse_events/list.html",
        {"patient": patient, "clinic": patient.clinic, "adverse_events": selectors.adverse_events_for(patient=patient)},
    )


@patient_page(Role.PHYSICIAN)
def adverse_event_record(request, patient_pk):
    """A physician on the care team records an adverse event for the patient (the same service, the same alert)."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    sessions = selectors.sessions_to_link(patient=patient)
    form = AdverseEventForm(
        request.POST or None,
        patient=patient,
        sessions=sessions,
        initial=_initial(patient, sessions, request.GET.get("session")),
    )
    if request.method == "POST" and form.is_valid():
        adverse_event = _report(request, form, patient)
        if adverse_event is not None:
            messages.success(request, "The adverse event was recorded and the care team has been alerted.")
            return redirect("adverse_event_list", patient_pk=patient.pk)
    return render(
        request,
        "treatment/adverse_events/record.html",
        {"patient": patient, "form": form, "severities": _severities(form, patient)},
    )


# --- Addenda --------------------------------------------------------------------------------------------------------


class AddendumForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=services.MAX_ADDENDUM_REASON,
        help_text="Why you are adding to this record, for example “correcting the time taken”.",
        error_messages={"required": "Say why you are adding to this record."},
    )
    text = forms.CharField(
        label="Addendum",
        max_length=services.MAX_ADDENDUM_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown beside the original, which stays as it was.",
        error_messages={"required": "Write the addendum."},
    )


def _addendum_page(request, *, patient, record, template, done_url):
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.addendum_add(
                actor=request.user, record=record, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The addendum was added beside the original record.")
            return redirect(done_url)
    return render(request, template, {"patient": patient, "record": record, "form": form})


@patient_page(Role.PATIENT, Role.PHYSICIAN)
def session_addendum(request, patient_pk, session_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    session = selectors.session_get(patient=patient, pk=session_pk)
    return _addendum_page(
        request,
        patient=patient,
        record=session,
        template="treatment/adverse_events/session_addendum.html",
        done_url=request.path,
    )


@patient_page(Role.PATIENT, Role.PHYSICIAN)
def adverse_event_addendum(request, patient_pk, adverse_event_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    adverse_event = selectors.adverse_event_get(patient=patient, pk=adverse_event_pk)
    if request.user.role == Role.PATIENT:
        done_url = f"{reverse('adverse_event_list_mine')}#adverse-event-{adverse_event.pk}"
    else:
        done_url = (
            f"{reverse('adverse_event_list', kwargs={'patient_pk': patient.pk})}#adverse-event-{adverse_event.pk}"
        )
    return _addendum_page(
        request,
        patient=patient,
        record=adverse_event,
        template="treatment/adverse_events/adverse_event_addendum.html",
        done_url=done_url,
    )
