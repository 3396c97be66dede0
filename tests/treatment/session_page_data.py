"""What the session pages' forms post: a pre-dose check that passes the test plan, and a post-dose entry."""

from treatment.models import SideEffect

CHECK_FORM = {
    "sitter_present": "on",
    "sitter_name": "Sam Patel",
    "sitter_phone": "+1 555 0101",
    "no_driving": "on",
    "fasted": "on",
    "no_alcohol_or_sedatives": "on",
    "safe_setting": "on",
    "systolic": "128",
    "diastolic": "82",
    "heart_rate": "72",
    "pain_now": "6",
}


def after_form(taken_at_local: str, **changes) -> dict:
    """The post-dose entry as posted: every side effect "none" unless changed (`effect_nausea="mild"`)."""
    form = {
        "dose_mg": "50",
        "route": "sublingual",
        "taken_at": taken_at_local,
        "dissociation": "4",
        "pain_after": "3",
        "notes": "",
        **{f"effect_{effect}": "none" for effect in SideEffect.values},
    }
    return form | changes
