"""`{% load roster %}`: how the dashboard's roster prints its figures (scores, change from baseline, MME change)."""

from django import template
from django.utils.html import format_html

from monitoring.charts import score_text
from treatment.models import SessionStatus

register = template.Library()

DASH = "—"
INSTRUMENT_NAMES = {"peg3": "PEG-3", "nrs": "pain check-in"}


@register.filter
def score(value):
    return "" if value is None else score_text(value)


@register.filter
def session_status(value):
    return SessionStatus(value).label.lower() if value else ""


@register.simple_tag
def change_from_baseline(patient):
    """CLINICAL.md section 3: a positive percentage is less pain. Undefined with a baseline of 0 or no score."""
    percent = patient.outcome_change_percent
    name = INSTRUMENT_NAMES.get(patient.outcome_instrument, patient.outcome_instrument)
    if percent is None:
        if patient.outcome_baseline == 0 and patient.outcome_current is not None:
            return format_html('<span class="muted">{}</span>', "undefined (baseline 0)")
        return format_html('<span class="muted">{}</span>', DASH)
    direction, css = ("better", "change-better") if percent >= 0 else ("worse", "change-worse")
    return format_html(
        '<span class="{}">{} % {}</span> <span class="roster-sub">{} {} → {}</span>',
        css,
        score_text(abs(percent)),
        direction,
        name,
        score_text(patient.outcome_baseline),
        score_text(patient.outcome_current),
    )


@register.simple_tag
def mme_change(patient):
    """The change in daily MME since the first session (CLINICAL.md section 4); a dash without any opioid recorded."""
    change = getattr(patient, "mme_change", None)
    if change is None:
        return format_html('<span class="muted">{}</span>', DASH)
    sign = "+" if change > 0 else "\u2212" if change < 0 else "±"
    return format_html(
        '{}{} <span class="roster-sub">{} → {} mg/day</span>',
        sign,
        score_text(abs(change)),
        score_text(patient.mme_baseline),
        score_text(patient.mme_now),
    )
