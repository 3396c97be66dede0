"""The clinic admin's settings page: one form in five groups; the write is `clinic_settings_update`."""

import copy
import zoneinfo

from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.shortcuts import redirect, render

from accounts.clinic_settings import SETTINGS_FIELDS, clinic_settings_update, settings_errors
from accounts.models import Clinic, Role
from accounts.views import role_required
from anodyne.errors import DomainError

# The unit each number is counted in, shown before its allowed range.
UNITS = {
    "systolic_hold": "mmHg",
    "diastolic_hold": "mmHg",
    "heart_rate_lower": "beats per minute",
    "heart_rate_upper": "beats per minute",
    "no_driving_hours": "hours",
    "fasting_hours": "hours",
    "reminder_lead_minutes": "minutes",
    "followup_nrs_after_hours": "hours",
    "peg3_every_days": "days",
    "phq9_every_days": "days",
    "gad7_every_days": "days",
    "pgic_every_days": "days",
    "bladder_every_days": "days",
    "survey_expiry_hours": "hours",
    "acknowledgment_limit_minutes": "minutes",
    "message_reply_hours": "hours",
}

# What a setting means, before its range (the range itself is read from the model's validators, so it cannot
# drift from the rule that enforces it).
MEANING = {
    "systolic_hold": "A reading above it holds the session.",
    "diastolic_hold": "A reading above it holds the session.",
    "heart_rate_lower": "A heart rate below it holds the session.",
    "heart_rate_upper": "A heart rate above it holds the session.",
    "hold_on_open_safety_alert": "An open critical alert for an adverse event or suicidality holds every session "
    "until a physician resolves it.",
    "sitter_required": "The pre-dose checklist asks for a sitter who is present and named.",
    "no_driving_hours": "The patient agrees not to drive for this long after a dose.",
    "fasting_hours": "The patient fasts for this long before a dose.",
    "reminder_lead_minutes": "How long before a scheduled session the reminder goes out.",
    "quiet_hours_start": "Only urgent messages during quiet hours, in the patient's own time zone.",
    "quiet_hours_end": "May be earlier than the start: quiet hours then run past midnight.",
    "followup_nrs_after_hours": "The follow-up pain rating is due this long after a completed session.",
    "survey_expiry_hours": "A survey not answered this long after it is due expires.",
    "acknowledgment_limit_minutes": "A critical alert nobody acknowledged within this time goes to the on-call "
    "contact.",
    "crisis_line": "Shown to a patient at once when a mood answer raises concern.",
    "message_reply_hours": "Patients are told their care team usually answers within this time; a message waiting "
    "longer shows as an alert on the care team's dashboard.",
}

# Fields that hold a number: those whose allowed range the page states.
_NUMBER_FIELDS = frozenset(UNITS)
# PostgreSQL's positive smallint ceiling: a bound of the column, not of the rule; not worth showing.
_COLUMN_MAX = 32767


def allowed_range(name: str) -> tuple[int | None, int | None]:
    """The tightest (minimum, maximum) of a Clinic field's validators; None where only the column limits it."""
    field = Clinic._meta.get_field(name)
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    high = min(highs) if highs else None
    return (max(lows) if lows else None), (high if high is not None and high < _COLUMN_MAX else None)


def _number_help(name: str) -> str:
    low, high = allowed_range(name)
    unit = UNITS[name]
    if high is not None:
        allowed = f"{low} to {high} {unit}"
    else:
        allowed = f"{low} {unit.removesuffix('s') if low == 1 else unit} or more"
    default = Clinic._meta.get_field(name).default
    return f"Allowed: {allowed}; default {default}."


class ClinicSettingsForm(forms.ModelForm):
    FIELDSETS = (
        (
            "Safety defaults",
            # CLINICAL.md section 2, "Pre-dose gates".
            "The pre-dose gates new treatment plans start from. A reading equal to a limit passes.",
            (
                "systolic_hold",
                "diastolic_hold",
                "heart_rate_lower",
                "heart_rate_upper",
                "hold_on_open_safety_alert",
                "sitter_required",
                "no_driving_hours",
                "fasting_hours",
            ),
        ),
        (
            "Reminders and quiet hours",
            "",
            ("reminder_lead_minutes", "quiet_hours_start", "quiet_hours_end", "time_zone"),
        ),
        (
            "Survey schedule",
            "How often each check-in is due.",  # CLINICAL.md section 1, "Survey schedule"
            (
                "followup_nrs_after_hours",
                "peg3_every_days",
                "phq9_every_days",
                "gad7_every_days",
                "pgic_every_days",
                "bladder_every_days",
                "survey_expiry_hours",
            ),
        ),
        (
            "Escalation",
            "",
            (
                "escalation_contact_name",
                "escalation_contact_email",
                "escalation_contact_phone",
                "acknowledgment_limit_minutes",
            ),
        ),
        ("Messages", "Between patients and their care team.", ("message_reply_hours",)),
        ("Contact and crisis numbers", "Shown to your patients.", ("contact_phone", "emergency_number", "crisis_line")),
    )

    class Meta:
        model = Clinic
        fields = SETTINGS_FIELDS
        labels = {
            "systolic_hold": "Systolic blood pressure limit",
            "diastolic_hold": "Diastolic blood pressure limit",
            "heart_rate_lower": "Lowest heart rate",
            "heart_rate_upper": "Highest heart rate",
            "hold_on_open_safety_alert": "Hold sessions while a safety alert is open",
            "sitter_required": "A sitter is required during sessions",
            "no_driving_hours": "No driving after a dose",
            "fasting_hours": "Fasting before a dose",
            "reminder_lead_minutes": "Session reminder ahead of time",
            "quiet_hours_start": "Quiet hours start",
            "quiet_hours_end": "Quiet hours end",
            "time_zone": "Clinic time zone",
            "followup_nrs_after_hours": "Follow-up pain rating after a session",
            "peg3_every_days": "PEG-3 (pain, enjoyment, activity) every",
            "phq9_every_days": "PHQ-9 (mood) every",
            "gad7_every_days": "GAD-7 (anxiety) every",
            "pgic_every_days": "PGIC (impression of change) every",
            "bladder_every_days": "Bladder symptom check every",
            "survey_expiry_hours": "A survey expires after",
            "escalation_contact_name": "On-call contact name",
            "escalation_contact_email": "On-call contact email",
            "escalation_contact_phone": "On-call contact phone",
            "acknowledgment_limit_minutes": "Escalate a critical alert not acknowledged within",
            "message_reply_hours": "Reply to patients' messages within",
            "contact_phone": "Clinic phone",
            "emergency_number": "Emergency number",
            "crisis_line": "Crisis line",
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            parts = [MEANING.get(name, "")]
            if name in _NUMBER_FIELDS:
                parts.append(_number_help(name))
                low, high = allowed_range(name)
                field.widget.attrs.update({"min": low, "inputmode": "numeric"})
                if high is not None:
                    field.widget.attrs["max"] = high
            field.help_text = " ".join(part for part in parts if part)
        for name in ("quiet_hours_start", "quiet_hours_end"):
            self.fields[name].widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
        for name in ("contact_phone", "escalation_contact_phone", "emergency_number", "crisis_line"):
            self.fields[name].widget.input_type = "tel"
            self.fields[name].widget.attrs["autocomplete"] = "tel"
        self.fields["time_zone"].widget = forms.Select(
            choices=[(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]
        )

    def clean(self):
        cleaned = super().clean()
        # The rules across two settings, beside the field they concern; the service checks them again.
        probe = copy.copy(self.instance)
        for name, value in cleaned.items():
            setattr(probe, name, value)
        for name, problems in settings_errors(probe).items():
            self.add_error(name, problems)
        return cleaned

    def fieldsets(self):
        for legend, description, names in self.FIELDSETS:
            yield legend, description, [self[name] for name in names]


@role_required(Role.CLINIC_ADMIN)
def clinic_settings(request):
    """Only ever the admin's own clinic: there is no clinic in the URL to change."""
    # A copy of its own: a ModelForm writes the submitted values into its instance while it validates.
    clinic = Clinic.objects.get(pk=request.user.clinic_id)
    form = ClinicSettingsForm(request.POST or None, instance=clinic)
    if request.method == "POST" and form.is_valid():
        try:
            clinic_settings_update(
                actor=request.user,
                clinic=clinic,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Clinic settings saved." if form.changed_data else "Nothing changed.")
            return redirect("clinic_settings")
    return render(request, "accounts/clinic_settings.html", {"form": form, "clinic": clinic})
