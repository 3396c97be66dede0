"""Treatment's domain events (treatment.events) become alerts for the care team.

Connected in MonitoringConfig.ready(). Each receiver runs inside the treatment service's transaction, so the alert
commits or rolls back with the record that caused it. Severities: PRODUCT.md, "Alerts the platform raises", and
CLINICAL.md section 2. The summaries are plain words for the care team, shown only inside Anodyne.
"""

from django.dispatch import receiver

from monitoring import review_selectors, services
from monitoring.models import UNRESOLVED, Alert, AlertKind, Severity
from treatment import events

# CLINICAL.md section 2, "Adverse events" (CTCAE v5 grades 1-4).
ADVERSE_EVENT_SEVERITY = {
    "mild": Severity.MEDIUM,
    "moderate": Severity.HIGH,
    "severe": Severity.CRITICAL,
    "life_threatening": Severity.CRITICAL,
}
ADVERSE_EVENT_WORDS = {
    "mild": "mild",
    "moderate": "moderate",
    "severe": "severe",
    "life_threatening": "life-threatening",
}

# The pre-dose gates of CLINICAL.md section 2, in the words the care team reads. An unknown code is shown as it is.
GATE_WORDS = {
    "patient_inactive": "treatment paused or ended",
    "consent": "consent not signed",
    "eligibility": "eligibility screen not cleared",
    "plan_active": "no active plan",
    "plan_inactive": "no active plan",
    "review_date": "plan past its review date",
    "safety_alert": "an open safety alert",
    "interval": "too soon after the last dose",
    "weekly_count": "weekly sessions used up",
    "systolic": "systolic blood pressure over the limit",
    "diastolic": "diastolic blood pressure over the limit",
    "blood_pressure": "blood pressure over the limit",
    "heart_rate": "heart rate outside the limits",
    "checklist": "safety checklist not complete",
    "sitter": "no sitter present",
    "supply": "not enough medication on hand",
    "titration": "planned dose above the plan's maximum",
}

MOMENT_WORDS = {"pre_dose": "before dosing", "post_dose": "after dosing"}
DISPENSE_WORDS = {
    "count_mismatch": "The units counted differ from what the dispensing log expects.",
    "early_refill": "A refill came earlier than the logged doses explain.",
}


@receiver(events.session_held, dispatch_uid="monitoring.dose_held")
def alert_dose_held(sender, *, patient, session_id, reasons, severe_hypertension=False, **kwargs):
    words = ", ".join(GATE_WORDS.get(code, str(code).replace("_", " ")) for code in reasons) or "a pre-dose check"
    services.alert_raise(
        patient=patient,
        kind=AlertKind.DOSE_HELD,
        severity=Severity.CRITICAL if severe_hypertension else Severity.HIGH,
        cause=review_selectors.session_cause(session_id),
        summary=f"Session held before dosing: {words}."
        + (" Blood pressure over 180/120." if severe_hypertension else ""),
    )


@receiver(events.blood_pressure_beyond_limit, dispatch_uid="monitoring.blood_pressure")
def alert_blood_pressure(sender, *, patient, session_id, systolic, diastolic, severity, moment="pre_dose", **kwargs):
    # How severe is treatment's decision (treatment.gates.blood_pressure_severity); this only maps it.
    services.alert_raise(
        patient=patient,
        kind=AlertKind.BLOOD_PRESSURE,
        severity=Severity(severity),
        cause=review_selectors.session_cause(session_id),
        summary=f"Blood pressure {systolic}/{diastolic} mmHg {MOMENT_WORDS.get(moment, moment)}, beyond the plan's "
        "limits.",
    )


@receiver(events.dose_above_plan, dispatch_uid="monitoring.dose_above_plan")
def alert_dose_above_plan(sender, *, patient, session_id, dose_mg, maximum_mg, **kwargs):
    services.alert_raise(
        patient=patient,
        kind=AlertKind.DOSE_ABOVE_PLAN,
        severity=Severity.HIGH,
        cause=review_selectors.session_cause(session_id),
        summary=f"Logged dose of {dose_mg} mg is above the plan's maximum single dose of {maximum_mg} mg.",
    )


@receiver(events.adverse_event_reported, dispatch_uid="monitoring.adverse_event")
def alert_adverse_event(sender, *, patient, adverse_event_id, severity, **kwargs):
    if severity not in ADVERSE_EVENT_SEVERITY:
        raise ValueError(
            f"Unknown adverse event severity {severity!r}: expected one of {list(ADVERSE_EVENT_SEVERITY)}."
        )
    services.alert_raise(
        patient=patient,
        kind=AlertKind.ADVERSE_EVENT,
        severity=ADVERSE_EVENT_SEVERITY[severity],
        cause=f"adverse_event:{adverse_event_id}",
        summary=f"Adverse event reported, graded {ADVERSE_EVENT_WORDS[severity]}.",
    )


@receiver(events.dispense_mismatch, dispatch_uid="monitoring.dispense_mismatch")
def alert_dispense_mismatch(
    sender, *, patient, dispense_id, reason="count_mismatch", expected_units=None, reported_units=None, **kwargs
):
    summary = DISPENSE_WORDS.get(reason, "Logged doses and dispensed units disagree.")
    if expected_units is not None and reported_units is not None:
        summary += f" Expected {expected_units} units on hand, counted {reported_units}."
    services.alert_raise(
        patient=patient,
        kind=AlertKind.DISPENSE_MISMATCH,
        severity=Severity.HIGH,
        cause=f"dispense:{dispense_id}",
        summary=summary,
    )


@receiver(events.sessions_missed, dispatch_uid="monitoring.missed_sessions")
def alert_missed_sessions(sender, *, patient, session_ids, **kwargs):
    # PRODUCT.md, "Alerts the platform raises": two scheduled sessions missed in a row, medium.
    services.alert_raise(
        patient=patient,
        kind=AlertKind.MISSED_SESSIONS,
        severity=Severity.MEDIUM,
        cause=f"missed:{session_ids[0]}",
        summary="The last two scheduled sessions were missed: neither was started.",
    )


@receiver(events.help_requested, dispatch_uid="monitoring.help_requested")
def alert_help_requested(sender, *, patient, session_id, **kwargs):
    # Issue 10: "I need help" during a session is critical, one alert per session (a second press repeats it).
    # Critical alerts escalate to the on-call contact when not acknowledged in time (monitoring.reminders).
    # Plain words only: the care team opens the patient's record for the rest.
    services.alert_raise(
        patient=patient,
        kind=AlertKind.HELP_REQUESTED,
        severity=Severity.CRITICAL,
        cause=f"help:{session_id}",
        summary=f"{patient.user.full_name} asked for help during a session.",
    )


@receiver(events.refill_requested, dispatch_uid="monitoring.refill_requested")
def alert_refill_requested(sender, *, patient, refill_request_id, early=False, days_left=None, **kwargs):
    # Issue 10: low, or medium when the dispense reconciliation would call the refill early (CLINICAL.md section 2).
    summary = "Refill requested."
    if early:
        # days_left comes rounded (treatment.refills); shown as 12 or 12.5, never 12.0 or 1.2E+1.
        days = f"{format(days_left.normalize(), 'f')} more days" if days_left is not None else "more than 7 days"
        summary = f"Refill requested (early: supply would last {days})."
    services.alert_raise(
        patient=patient,
        kind=AlertKind.REFILL_REQUESTED,
        severity=Severity.MEDIUM if early else Severity.LOW,
        cause=f"refill:{refill_request_id}",
        summary=summary,
    )


@receiver(events.refill_decided, dispatch_uid="monitoring.refill_decided")
def resolve_refill_requested(sender, *, patient, refill_request_id, approved, decided_by, reason="", **kwargs):
    # The physician's decision is what the alert asked for: it closes with that physician (already closed: nothing).
    alert = Alert.objects.filter(
        patient=patient, kind=AlertKind.REFILL_REQUESTED, cause=f"refill:{refill_request_id}", status__in=UNRESOLVED
    ).first()
    if alert is not None:
        note = "Refill approved, awaiting the dispense." if approved else f"Refill declined: {reason}"
        services.alert_resolve(actor=decided_by, alert=alert, note=note[: services.MAX_NOTE])


@receiver(events.session_completed, dispatch_uid="monitoring.follow_up_survey")
def assign_follow_up_survey(sender, *, patient, session_id, completed_at, **kwargs):
    # CLINICAL.md section 1, "Survey schedule": a follow-up pain NRS 24 h after each completed session; once per
    # session (a second signal for the same session finds its slot taken).
    services.survey_assign_follow_up(patient=patient, session_id=session_id, completed_at=completed_at)


@receiver(events.eligibility_needs_review, dispatch_uid="monitoring.eligibility_review")
def alert_eligibility_review(
    sender, *, patient, screen_id, yes_count, contraindication=False, contraindication_count=0, **kwargs
):
    # CLINICAL.md section 1: every "yes" needs a care-team physician's review; a contraindication (C) makes it high.
    # No item is named: the physician reads the answers on the screen's page.
    answers = f"{yes_count} answer{'s' if yes_count != 1 else ''} {'need' if yes_count != 1 else 'needs'}"
    extra = ""
    if contraindication:
        count = contraindication_count or 1
        extra = f" ({count} contraindication{'s' if count != 1 else ''})"
    services.alert_raise(
        patient=patient,
        kind=AlertKind.ELIGIBILITY_REVIEW,
        severity=Severity.HIGH if contraindication else Severity.MEDIUM,
        cause=f"eligibility:{screen_id}",
        summary=f"Eligibility screen to review: {answers} a physician's review{extra}.",
    )


@receiver(events.eligibility_reviewed, dispatch_uid="monitoring.eligibility_reviewed")
def resolve_eligibility_review(sender, *, patient, screen_id, cleared, reviewed_by, **kwargs):
    # The review that decided the screen is what the alert asked for: it closes with the reviewing physician.
    alert = Alert.objects.filter(
        patient=patient, kind=AlertKind.ELIGIBILITY_REVIEW, cause=f"eligibility:{screen_id}", status__in=UNRESOLVED
    ).first()
    if alert is not None:
        services.alert_resolve(
            actor=reviewed_by,
            alert=alert,
            note=f"Eligibility screen reviewed: {'cleared' if cleared else 'not cleared'}.",
        )
