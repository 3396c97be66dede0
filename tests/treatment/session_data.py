"""A pre-dose check that passes every gate of the test plan, to vary one field at a time."""

from dataclasses import replace

from django.utils import timezone

from treatment.gates import PreDoseCheck


def good_check(**changes) -> PreDoseCheck:
    check = PreDoseCheck(
        checked_at=timezone.now(),
        sitter_present=True,
        sitter_name="Sam Patel",
        sitter_phone="+1 555 0101",
        no_driving=True,
        fasted=True,
        no_alcohol_or_sedatives=True,
        safe_setting=True,
        systolic=128,
        diastolic=82,
        heart_rate=72,
        pain_now=6,
    )
    return replace(check, **changes)
