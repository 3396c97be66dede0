"""The notification preferences page: patients choose channels, phone, quiet hours and lead time; staff the
digest. Thin: the form parses, `notification_preference_save` writes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.models import NotificationPreference, Role
from accounts.notification_preferences import (
    PATIENT_FIELDS,
    STAFF_FIELDS,
    notification_preference_get,
    notification_preference_save,
    preference_fields,
)
from anodyne.errors import DomainError

LABELS = {
    "email_enabled": "Email me",
    "sms_enabled": "Text me (SMS)",
    "sms_phone": "Phone number for text messages",
    "quiet_hours_start": "Quiet hours start",
    "quiet_hours_end": "Quiet hours end",
    "reminder_lead_minutes": "Remind me this many minutes before a session",
    "digest_enabled": "Send me a daily digest of open alerts",
    "digest_time": "Digest time",
}
HELP = {
    "email_enabled": "Messages say only that something is waiting in Anodyne, with a link.",
    "sms_phone": "Leave empty to use the phone number in your profile.",
    "quiet_hours_start": "Only urgent messages during quiet hours, in your own time zone (24-hour clock, e.g. 21:00).",
    "quiet_hours_end": "May be earlier than the start: quiet hours then run past midnight.",
    "reminder_lead_minutes": "5 to 1440 minutes. Leave empty to use your clinic's setting.",
    "digest_enabled": "Counts of open alerts and a link; never patient names.",
    "digest_time": "In your clinic's time zone (24-hour clock, e.g. 07:30).",
}


class PreferenceForm(forms.ModelForm):
    """Every preference field; __init__ keeps those of the person's role."""

    class Meta:
        model = NotificationPreference
        fields = list(dict.fromkeys(PATIENT_FIELDS + STAFF_FIELDS))
        labels = LABELS
        help_texts = HELP
        widgets = {
            name: forms.TimeInput(format="%H:%M") for name in ("quiet_hours_start", "quiet_hours_end", "digest_time")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(preference_fields(user)):
            del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_hours_start"), cleaned.get("quiet_hours_end")
        if start is not None and start == end:
            self.add_error("quiet_hours_end", "Quiet hours must start and end at different times.")
        return cleaned

    # The user is the service's to set, and clean() states the one constraint in plain words.
    def validate_unique(self):
        pass

    def validate_constraints(self):
        pass


@login_required
def notification_preferences(request):
    preference = notification_preference_get(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in preference_fields(request.user)}
        try:
            notification_preference_save(actor=request.user, **fields)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("notification_preferences")
    return render(
        request,
        "accounts/notifications/preferences.html",
        {"form": form, "is_patient": request.user.role == Role.PATIENT},
    )
