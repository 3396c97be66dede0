"""The patient's Today and treatment sessions; the care team's list of a patient's sessions.

The session flow has two steps: the pre-dose check (`session_new`), which only treatment.services decides, then the
post-dose entry (`session_after`). Pages parse input and call one service: they never decide a safety rule, and a
DomainError from the service is shown on the form with nothing recorded.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError
from treatment import gates, refill_selectors, services
from treatment import session_selectors as selectors
from treatment.models import PlanStatus, Route, SessionStatus, SideEffect, SideEffectSeverity

HISTORY_PAGE_SIZE = 20
PATIENT_SESSIONS_PAGE_SIZE = 25
SCALE = [(value, str(value)) for value in range(11)]
# CLINICAL.md section 2, "After the dose": a local item, not a validated scale.
DISSOCIATION_QUESTION = "How strongly did you feel detached from your body or surroundings at the peak?"
NO_SIDE_EFFECT = "none"
SIDE_EFFECT_CHOICES = [(NO_SIDE_EFFECT, "None"), *SideEffectSeverity.choices]
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _scale(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect)


def _reading(label: str, *, required: bool = True) -> forms.IntegerField:
    # The plausible ranges are treatment.gates' to check (CLINICAL.md "Plausible input"); the page only parses.
    return forms.IntegerField(
        label=label, required=required, widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "reading"})
    )


class PreDoseForm(_Form):
    """The pre-dose check (CLINICAL.md section 2): the checklist's wording comes from the plan's numbers."""

    sitter_present = forms.BooleanField(required=False)
    sitter_name = forms.CharField(
        label="Your sitter's name",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    sitter_phone = forms.CharField(
        label="Your sitter's phone",
        max_length=32,
        required=False,
        help_text="Shown to you with the emergency number if you ask for help during the session.",
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    no_driving = forms.BooleanField(required=False)
    fasted = forms.BooleanField(required=False)
    no_alcohol_or_sedatives = forms.BooleanField(
        label="No alcohol, sedatives, opioids beyond my usual prescription or other drugs today", required=False
    )
    safe_setting = forms.BooleanField(label="I am in a safe and quiet setting", required=False)
    systolic = _reading("Systolic (upper number, mmHg)")
    diastolic = _reading("Diastolic (lower number, mmHg)")
    heart_rate = _reading("Heart rate (per minute)")
    pain_now = _scale("Your pain right now")
    remeasured_systolic = _reading("Systolic, second reading (mmHg)", required=False)
    remeasured_diastolic = _reading("Diastolic, second reading (mmHg)", required=False)
    remeasured_heart_rate = _reading("Heart rate, second reading (per minute)", required=False)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        self.sitter_required = selectors.sitter_required(version)
        if self.sitter_required:
            fields["sitter_present"].label = "An adult sitter is with me and will stay during the session"
        else:
            fields["sitter_present"].label = "An adult sitter is with me (your plan does not require one)"
            fields["sitter_phone"].label = "Your sitter's phone (optional)"
        # A plan asking 0 hours asks nothing (treatment.gates does not check the item then): the page leaves it out.
        if version is not None and not version.no_driving_hours:
            del fields["no_driving"]
        else:
            hours = version.no_driving_hours if version else None
            fields["no_driving"].label = f"I will not drive for {hours} hours" if hours else "I will not drive today"
        if version is not None and not version.fasting_hours:
            del fields["fasted"]
        else:
            hours = version.fasting_hours if version else None
            fields["fasted"].label = f"I have not eaten for {hours} hours" if hours else "I have fasted as my plan asks"

    CHECKLIST = (
        "sitter_present",
        "sitter_name",
        "sitter_phone",
        "no_driving",
        "fasted",
        "no_alcohol_or_sedatives",
        "safe_setting",
    )
    READINGS = ("systolic", "diastolic", "heart_rate")
    SECOND_READINGS = ("remeasured_systolic", "remeasured_diastolic", "remeasured_heart_rate")

    def clean(self):
        data = super().clean()
        # The same rule treatment.gates.evaluate applies, asked here so that the message sits by its field.
        try:
            gates.validate_sitter_phone(
                data.get("sitter_phone", ""),
                sitter_required=self.sitter_required,
                sitter_present=bool(data.get("sitter_present")),
                sitter_name=data.get("sitter_name") or "",
            )
        except forms.ValidationError as error:
            self.add_error("sitter_phone", error)
        return data

    def checklist(self):
        return [self[name] for name in self.CHECKLIST if name in self.fields]

    def readings(self):
        return [self[name] for name in self.READINGS]

    def second_readings(self):
        return [self[name] for name in self.SECOND_READINGS]

    def to_check(self) -> gates.PreDoseCheck:
        data = self.cleaned_data
        return gates.PreDoseCheck(
            checked_at=timezone.now(),
            sitter_present=data["sitter_present"],
            sitter_name=data["sitter_name"],
            sitter_phone=data["sitter_phone"],
            no_driving=data.get("no_driving", False),
            fasted=data.get("fasted", False),
            no_alcohol_or_sedatives=data["no_alcohol_or_sedatives"],
            safe_setting=data["safe_setting"],
            systolic=data["systolic"],
            diastolic=data["diastolic"],
            heart_rate=data["heart_rate"],
            pain_now=data["pain_now"],
            remeasured_systolic=data["remeasured_systolic"],
            remeasured_diastolic=data["remeasured_diastolic"],
            remeasured_heart_rate=data["remeasured_heart_rate"],
        )


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input read in the patient's own time zone and returned as an aware UTC datetime."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT)

    def __init__(self, *, zone: str, **kwargs):
        self.zone = ZoneInfo(zone)
        super().__init__(input_formats=[LOCAL_INPUT_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            naive = value.replace(tzinfo=None)
        else:
            naive = None
            for format_ in self.input_formats:
                try:
                    naive = dt.datetime.strptime(str(value).strip(), format_)
                    break
                except ValueError:
                    continue
            if naive is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return naive.replace(tzinfo=self.zone).astimezone(dt.UTC)


class PostDoseForm(_Form):
    """The post-dose entry (CLINICAL.md section 2, "After the dose"); one none/mild/moderate/severe per side effect."""

    dose_mg = forms.DecimalField(
        label="Dose taken (mg)",
        max_digits=7,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1", "class": "reading"}),
    )
    route = forms.ChoiceField(label="How you took it", choices=Route.choices, widget=forms.RadioSelect)
    dissociation = _scale(DISSOCIATION_QUESTION)
    pain_after = _scale("Your pain now, after the dose")
    post_systolic = _reading("Systolic (upper number, mmHg)", required=False)
    post_diastolic = _reading("Diastolic (lower number, mmHg)", required=False)
    post_heart_rate = _reading("Heart rate (per minute)", required=False)
    notes = forms.CharField(
        label="Notes for your care team", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken_at"] = LocalDateTimeField(zone=zone, label="When you took it")
        self.fields["taken_at"].help_text = f"Your local time ({zone})."
        for effect, label in SideEffect.choices:
            self.fields[f"effect_{effect}"] = forms.ChoiceField(
                label=label, choices=SIDE_EFFECT_CHOICES, initial=NO_SIDE_EFFECT, widget=forms.RadioSelect
            )

    def side_effect_fields(self):
        return [self[f"effect_{effect}"] for effect in SideEffect.values]

    def post_readings(self):
        return [self["post_systolic"], self["post_diastolic"], self["post_heart_rate"]]

    def side_effects(self) -> dict[str, str]:
        return {
            effect: self.cleaned_data[f"effect_{effect}"]
            for effect in SideEffect.values
            if self.cleaned_data[f"effect_{effect}"] != NO_SIDE_EFFECT
        }


# --- Today -----------------------------------------------------------------------------------------------------------


@role_required(Role.PATIENT)
def today(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    sessions = selectors.today_sessions(patient=patient)
    # The refill offer needs the active plan's version: the plan in force's when that one is active; none without a
    # plan in force; read by the offer itself only when the plan in force is paused (an older one may be active).
    in_force_is_active = sessions.plan is None or sessions.plan.status == PlanStatus.ACTIVE
    active = {"version": sessions.version} if in_force_is_active else {}
    return render(
        request,
        "treatment/today.html",
        {
            "refill": refill_selectors.refill_offer(patient=patient, **active),
            "patient": patient,
            "clinic": patient.clinic,
            "care_team": patient.care_team_memberships.all(),
            "sessions": sessions,
            "tz_name": patient.time_zone,
        },
    )


# --- The session flow (the patient) ------------------------------------------------------------------------------


@role_required(Role.PATIENT)
def session_new(request):
    """Step 1, the pre-dose check. The decision is treatment.services.session_check_before_dose's alone."""
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    today_sessions = selectors.today_sessions(patient=patient)
    if today_sessions.in_progress is not None:
        messages.info(request, "You have a session in progress: log what you took first.")
        return redirect("session_after", session_pk=today_sessions.in_progress.pk)
    version = today_sessions.version
    form = PreDoseForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.session_check_before_dose(actor=request.user, patient=patient, check=form.to_check())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("session_detail", session_pk=outcome.session.pk)
    return render(
        request,
        "treatment/session/new.html",
        {
            "patient": patient,
            "clinic": patient.clinic,
            "plan": today_sessions.plan,
            "version": version,
            "next_allowed_at": today_sessions.next_allowed_at,
            "form": form,
            "tz_name": patient.time_zone,
        },
    )


def _adverse_event_url(session) -> str:
    """The adverse-event form, linked to this session (built separately: its URL may not exist yet)."""
    try:
        path = reverse("adverse_event_new")
    except NoReverseMatch:
        path = "/adverse-events/new/"
    return f"{path}?session={session.pk}"


def _emergency_parts() -> tuple[str, str]:
    """The severe-hypertension instructions split around the emergency number, so the page can make it a link."""
    before, _, after = gates.SEVERE_HYPERTENSION_INSTRUCTIONS.partition("{emergency_number}")
    return before, after


@role_required(Role.PATIENT)
def session_detail(request, session_pk):
    """The result: held (why, emergency first), in progress (you may dose) or completed (what was logged)."""
    session = selectors.session_get_own(user=request.user, pk=session_pk)
    patient = session.patient
    before, after = _emergency_parts()
    return render(
        request,
        "treatment/session/detail.html",
        {
            "session": session,
            "patient": patient,
            "clinic": patient.clinic,
            "version": session.plan_version,
            "side_effects": list(session.side_effects.all()),
            "severe_side_effect": selectors.has_severe_side_effect(session),
            "adverse_event_url": _adverse_event_url(session),
            "emergency_before": before,
            "emergency_after": after,
            "tz_name": patient.time_zone,
        },
    )


@role_required(Role.PATIENT)
def session_after(request, session_pk):
    """Step 2, the post-dose entry, for a session in progress; recorded as reported by session_log_dose."""
    session = selectors.session_get_own(user=request.user, pk=session_pk)
    if session.status != SessionStatus.IN_PROGRESS:
        return redirect("session_detail", session_pk=session.pk)
    patient = session.patient
    version = session.plan_version
    initial = {
        "dose_mg": session.planned_dose_mg,
        "route": version.route if version else None,
        "taken_at": timezone.now().astimezone(ZoneInfo(patient.time_zone)).strftime(LOCAL_INPUT_FORMAT),
    }
    form = PostDoseForm(request.POST or None, zone=patient.time_zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_log_dose(
                actor=request.user,
                session=session,
                dose_mg=data["dose_mg"],
                route=data["route"],
                taken_at=data["taken_at"],
                dissociation=data["dissociation"],
                pain_after=data["pain_after"],
                side_effects=form.side_effects(),
                post_systolic=data["post_systolic"],
                post_diastolic=data["post_diastolic"],
                post_heart_rate=data["post_heart_rate"],
                notes=data["notes"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("session_detail", session_pk=session.pk)
    return render(
        request,
        "treatment/session/after.html",
        {"session": session, "patient": patient, "version": version, "form": form, "tz_name": patient.time_zone},
    )


@role_required(Role.PATIENT)
def session_history(request):
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    page = Paginator(selectors.sessions_of(patient=patient), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "treatment/session/history.html",
        {"patient": patient, "page": page, "tz_name": patient.time_zone},
    )


# --- The care team's view ------------------------------------------------------------------------------------------


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_sessions(request, patient_pk):
    """A patient's sessions with their gate results, doses, pain, findings and what needs review."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    page = Paginator(selectors.sessions_of(patient=patient), PATIENT_SESSIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "treatment/session/patient_sessions.html",
        {"patient": patient, "page": page, "tz_name": patient.time_zone},
    )
