"""`{% load roster %}`: how the dashboard's roster prints its figures (scores, change from baseline, MME change)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from treatment.models import SessionStatus

register = template.Library()

DASH = "—"
INSTRUMENT_NAMES = {"peg3": "PEG-3", "nrs": "pain check-in"}


def _fmt(value) -> str:
    """A score as people write it: 7.0 → 7, 7.5 → 7.5, 33.333 → 33.3."""
    value = Decimal(value).quantize(Decimal("0.1"))
    return f"{value:f}".removesuffix(".0")


@register.filter
def score(value):
    return "" if value is None else _fmt(value)


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
        _fmt(abs(percent)),
        direction,
        name,
        _fmt(patient.outcome_baseline),
        _fmt(patient.outcome_current),
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
        _fmt(abs(change)),
        _fmt(patient.mme_baseline),
        _fmt(patient.mme_now),
    )
