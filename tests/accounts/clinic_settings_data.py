"""The settings page's form as a browser would post it: every field with the clinic's current value."""

from accounts.clinic_settings import SETTINGS_FIELDS
from accounts.models import Clinic


def settings_form_data(clinic: Clinic, **overrides) -> dict:
    data = {}
    for name in SETTINGS_FIELDS:
        value = overrides.get(name, getattr(clinic, name))
        if isinstance(value, bool):
            if value:
                data[name] = "on"  # an unticked box is simply absent
        elif hasattr(value, "strftime"):
            data[name] = value.strftime("%H:%M")
        else:
            data[name] = value
    return data
