"""Forms for invitations and the patient import: they parse input; the rules live in accounts.invitations."""

import zoneinfo

from django import forms

from accounts.models import Condition, Physician, Role

US_TIME_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
]


def _time_zone_choices():
    others = sorted(zoneinfo.available_timezones() - set(US_TIME_ZONES))
    return [("United States", [(z, z) for z in US_TIME_ZONES]), ("Everywhere else", [(z, z) for z in others])]


class InvitationForm(forms.Form):
    full_name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)

    def profile(self) -> dict:
        return {}


class PatientInvitationForm(InvitationForm):
    role = Role.PATIENT
    date_of_birth = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Without a date picker, write it YYYY-MM-DD.",
    )
    time_zone = forms.ChoiceField(help_text="Where the patient lives: reminders and quiet hours follow it.")
    primary_condition = forms.ChoiceField(choices=[("", "Choose a condition"), *Condition.choices])
    phone = forms.CharField(
        max_length=32, required=False, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})
    )
    physicians = forms.ModelMultipleChoiceField(
        queryset=Physician.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Care team",
        help_text="At least one physician of the clinic.",
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["time_zone"].choices = _time_zone_choices()
        self.fields["time_zone"].initial = actor.clinic.time_zone
        if actor.role == Role.PHYSICIAN:
            # A physician's patient joins that physician's care team (accounts.invitations).
            del self.fields["physicians"]
        else:
            self.fields["physicians"].queryset = Physician.objects.filter(
                clinic_id=actor.clinic_id, user__is_active=True
            ).select_related("user")

    def profile(self) -> dict:
        data = self.cleaned_data
        return {
            "date_of_birth": data["date_of_birth"].isoformat(),
            "time_zone": data["time_zone"],
            "primary_condition": data["primary_condition"],
            "phone": data["phone"],
            "physician_ids": [p.pk for p in data.get("physicians", [])],
        }


class PhysicianInvitationForm(InvitationForm):
    role = Role.PHYSICIAN
    licence_number = forms.CharField(max_length=32)
    licence_state = forms.CharField(max_length=2, help_text="Two letters, e.g. CA.")
    board_certification = forms.CharField(max_length=200, help_text="e.g. Anesthesiology — Pain Medicine")

    def profile(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("licence_number", "licence_state", "board_certification")}


class ClinicAdminInvitationForm(InvitationForm):
    role = Role.CLINIC_ADMIN


FORMS_BY_ROLE = {
    form.role: form for form in (PatientInvitationForm, PhysicianInvitationForm, ClinicAdminInvitationForm)
}


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password and not only numbers.",
    )
    password_confirm = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", "The two passwords are not the same.")
        return data


class PatientImportForm(forms.Form):
    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label="CSV file",
        help_text="A .csv file with the columns above, at most 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: split it into smaller files.")
        return upload
