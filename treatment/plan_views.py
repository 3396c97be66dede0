"""A patient's treatment plan: read by the patient and their clinic, written by the care team's physicians."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page
from anodyne.errors import DomainError
from treatment import selectors, services
from treatment.models import PlanStatus, PlanVersion

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
_STEP = re.compile(
    r"^\s*(?P<dose>\d+(?:\.\d)?)\s*(?:mg)?\s+from\s+(?:session\s+(?P<session>\d+)|(?P<date>\d{4}-\d{2}-\d{2}))\s*$",
    re.IGNORECASE,
)


class PlanForm(forms.ModelForm):
    titration_text = forms.CharField(
        label="Titration steps",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One step a line: “75 mg from session 4” or “100 mg from 2026-12-01”. Leave empty for none.",
    )
    session_weekdays = forms.TypedMultipleChoiceField(
        label="Session days", choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label="Reason for this change", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = PlanVersion
        fields = [
            "route",
            "dose_mg",
            "max_single_dose_mg",
            "sessions_per_week",
            "min_hours_between",
            "systolic_limit",
            "diastolic_limit",
            "heart_rate_lower",
            "heart_rate_upper",
            "sitter_required",
            "fasting_hours",
            "no_driving_hours",
            "review_date",
            "session_weekdays",
            "session_time",
            "refill_at_sessions",
        ]
        labels = {
            "dose_mg": "Dose per session (mg)",
            "max_single_dose_mg": "Maximum single dose (mg)",
            "min_hours_between": "Minimum hours between doses",
            "systolic_limit": "Hold above systolic (mmHg)",
            "diastolic_limit": "Hold above diastolic (mmHg)",
            "heart_rate_lower": "Hold below heart rate (per minute)",
            "heart_rate_upper": "Hold above heart rate (per minute)",
            "sitter_required": "A sitter must be present",
            "fasting_hours": "Fasting before a dose (hours)",
            "no_driving_hours": "No driving after a dose (hours)",
            "refill_at_sessions": "Offer a refill below (sessions' worth)",
        }
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "session_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Issue 10: not a clinic setting. Left empty, a new plan takes the model's default (2) and a revision keeps
        # the current level.
        refill = self.fields["refill_at_sessions"]
        refill.required = False
        refill.help_text = (
            "“Request a refill” is offered to the patient when the expected units on hand fall below this many "
            "sessions' worth (1 to 14; 2 unless changed)."
        )

    def clean_titration_text(self):
        steps = []
        for number, line in enumerate(self.cleaned_data["titration_text"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _STEP.match(line)
            if not match:
                raise forms.ValidationError(f"Line {number} is not a step: write “75 mg from session 4”.")
            try:
                dose = str(Decimal(match["dose"]))
            except InvalidOperation:
                raise forms.ValidationError(f"Line {number}: the dose is not a number.") from None
            if match["session"]:
                steps.append({"dose_mg": dose, "from_session": int(match["session"])})
            else:
                steps.append({"dose_mg": dose, "from_date": match["date"]})
        return steps


def _titration_text(steps) -> str:
    return "\n".join(
        f"{step['dose_mg']} mg from session {step['from_session']}"
        if "from_session" in step
        else f"{step['dose_mg']} mg from {step['from_date']}"
        for step in steps
    )


@patient_page(Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN)
def plan_detail(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    plan = selectors.plan_for(patient=patient)
    versions = list(plan.versions.all()) if plan else []  # newest first
    # Each version, each with what it changed from the version before it.
    older_versions = [*versions[1:], None] if versions else []
    history = [
        (version, selectors.plan_changes(older, version))
        for version, older in zip(versions, older_versions, strict=True)
    ]
    return render(
        request,
        "treatment/plan_detail.html",
        {"patient": patient, "plan": plan, "version": plan.current_version if plan else None, "history": history},
    )


@patient_page(Role.PHYSICIAN)
def plan_edit(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    plan = selectors.plan_for(patient=patient)
    if plan and plan.status == PlanStatus.COMPLETED:
        plan = None  # a completed plan is history: the form starts a new one
    current = plan.current_version if plan else None
    if request.method == "POST":
        form = PlanForm(request.POST, instance=PlanVersion())
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}
            fields["titration"] = form.cleaned_data["titration_text"]
            if fields["refill_at_sessions"] is None:
                del fields["refill_at_sessions"]  # the default of a new plan, or the current plan's level
            reason = form.cleaned_data["reason"]
            try:
                services.plan_save(actor=request.user, patient=patient, plan=plan, reason=reason, **fields)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "The plan was saved as a new version.")
                return redirect("plan_detail", patient_pk=patient.pk)
    else:
        initial = {"titration_text": _titration_text(current.titration)} if current else services.plan_defaults(patient)
        form = PlanForm(instance=current, initial=initial)
    return render(request, "treatment/plan_edit.html", {"patient": patient, "plan": plan, "form": form})


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=PlanStatus.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [choice for choice in PlanStatus.choices if choice[0] != current]


@patient_page(Role.PHYSICIAN)
def plan_status(request, patient_pk):
    """Pause, resume or complete the plan, with a reason."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    plan = selectors.plan_for(patient=patient)
    form = PlanStatusForm(request.POST or None, current=plan.status if plan else None)
    if plan is not None and request.method == "POST" and form.is_valid():
        try:
            services.plan_revise(
                actor=request.user, plan=plan, reason=form.cleaned_data["reason"], status=form.cleaned_data["status"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"The plan is now {PlanStatus(form.cleaned_data['status']).label.lower()}.")
            return redirect("plan_detail", patient_pk=patient.pk)
    return render(request, "treatment/plan_status.html", {"patient": patient, "plan": plan, "form": form})
