"""Domain events that treatment sends and the oversight side (monitoring) reacts to.

Treatment never imports monitoring (dependencies point api -> monitoring -> treatment -> accounts): when something
happens that the care team must hear about, the treatment service sends one of these signals INSIDE its transaction,
after the record is written. Receivers (monitoring.receivers) run in the same transaction, so the alert commits or
rolls back with the session, adverse event or dispense that caused it. The safety decision itself (hold or pass)
stays in treatment; a receiver only reacts.

Every signal is sent with keyword arguments only. `sender` is the treatment model class concerned (for example
`TreatmentSession`); receivers do not depend on it. `patient` is always an `accounts.models.Patient` instance.
Ids are the primary keys of treatment's records; monitoring uses them as the alert's stable cause
("session:<id>", "adverse_event:<id>", "dispense:<id>"), so sending the same event twice for the same record
updates one alert instead of adding a second.

Send them like this, inside the service's `transaction.atomic()`:

    events.session_held.send(
        sender=TreatmentSession, patient=patient, session_id=session.pk,
        reasons=["systolic", "checklist"], severe_hypertension=False,
    )
"""

from django.dispatch import Signal

# A pre-dose check failed and the session was recorded as held (the patient was told not to dose).
#   patient: Patient
#   session_id: int — the held TreatmentSession
#   reasons: list[str] — the codes of every failed gate, e.g. "plan_active", "safety_alert", "interval",
#       "weekly_count", "systolic", "diastolic", "heart_rate", "checklist", "supply" (CLINICAL.md section 2, the
#       pre-dose gates); an unknown code is shown as it is
#   severe_hypertension: bool — a reading over 180/120 (ACC/AHA 2017 "severe hypertension") was part of the hold
# -> monitoring raises a "dose_held" alert: high, critical when severe_hypertension.
session_held = Signal()

# A blood-pressure reading beyond the plan's limits, before or after dosing (a held pre-dose reading sends this as
# well as session_held: PRODUCT.md has one alert kind for each).
#   patient: Patient
#   session_id: int — the TreatmentSession the reading belongs to
#   systolic: int, diastolic: int — mmHg
#   moment: str — "pre_dose" or "post_dose"
#   severity: str — "high" (beyond the plan's limits) or "critical" (over 180/120), decided by
#       treatment.gates.blood_pressure_severity: the rule stays in treatment, monitoring only maps it to an alert
# -> monitoring raises a "blood_pressure" alert at that severity.
blood_pressure_beyond_limit = Signal()

# A logged dose was above the plan's maximum single dose (recorded as the patient reported it).
#   patient: Patient
#   session_id: int — the TreatmentSession
#   dose_mg: Decimal — the dose taken
#   maximum_mg: Decimal — the plan's maximum single dose at the time
# -> monitoring raises a "dose_above_plan" alert: high.
dose_above_plan = Signal()

# A patient (or a physician for them) reported an adverse event.
#   patient: Patient
#   adverse_event_id: int — the AdverseEvent
#   severity: str — "mild", "moderate", "severe" or "life_threatening" (CLINICAL.md, CTCAE v5 grades 1-4)
# -> monitoring raises an "adverse_event" alert: mild medium, moderate high, severe and life_threatening critical.
adverse_event_reported = Signal()

# Logged doses and dispensed units disagree (a count off by more than 1 unit), or a refill came early.
#   patient: Patient
#   dispense_id: int — the Dispense the finding is about: the new dispense for an early refill; for a count, the
#       latest dispense, the supply counted (so repeated counts against one supply update one alert)
#   supply_count_id: int — optional, the SupplyCount of a count mismatch
#   reason: str — "count_mismatch" or "early_refill" (CLINICAL.md section 2, "Dispensing")
#   expected_units: Decimal | None, reported_units: Decimal | None — optional, for a count
# -> monitoring raises a "dispense_mismatch" alert: high.
dispense_mismatch = Signal()

# A session was completed (dose taken and logged). Declared for monitoring's follow-up NRS survey 24 h later
# (CLINICAL.md section 1, "Survey schedule"); no receiver yet.
#   patient: Patient
#   session_id: int — the completed TreatmentSession
#   completed_at: datetime — aware, when the post-dose entry was saved
session_completed = Signal()

# A patient's two most recent scheduled sessions both ended missed (never started within their window; see
# treatment.services.session_mark_missed_and_incomplete). Sent once, when the second of them is marked missed.
#   patient: Patient
#   session_ids: list[int] — the missed TreatmentSessions, latest first (two of them)
# -> monitoring raises a "missed_sessions" alert: medium, cause "missed:<latest session id>".
sessions_missed = Signal()

# The patient pressed "I need help" during a session in progress (between the pre-dose check and the post-dose entry;
# treatment.help.session_help_request). Sent on every press: a repeat updates the one open alert.
#   patient: Patient
#   session_id: int — the TreatmentSession in progress
#   help_request_id: int — the HelpRequest just recorded
# -> monitoring raises a "help_requested" alert: critical, cause "help:<session id>" (critical alerts escalate to the
#    clinic's on-call contact when not acknowledged in time).
help_requested = Signal()

# The patient asked for a refill (treatment.refills.refill_request).
#   patient: Patient
#   refill_request_id: int — the RefillRequest
#   early: bool — the units on hand would still last more than 7 days (the dispense reconciliation's early-refill
#       rule, treatment.supply.is_early_refill)
#   days_left: Decimal | None — how long the units on hand last at the plan's dose and sessions per week
# -> monitoring raises a "refill_requested" alert, cause "refill:<id>": low, medium when early.
refill_requested = Signal()

# A care-team physician approved or declined a refill request (treatment.refills.refill_decide).
#   patient: Patient
#   refill_request_id: int — the RefillRequest
#   approved: bool
#   decided_by: User — the physician
#   reason: str — the physician's reason (required to decline; may be empty for an approval)
# -> monitoring resolves the request's "refill_requested" alert, with that physician as the actor.
refill_decided = Signal()

# A patient answered an eligibility screen (CLINICAL.md section 1) with at least one "yes": each needs a care-team
# physician's review (treatment.eligibility_services.eligibility_screen_answer). Not sent for an all-"no" screen,
# which clears at once.
#   patient: Patient
#   screen_id: int — the EligibilityScreen now needing review
#   yes_count: int — how many items were answered "yes"
#   contraindication: bool — at least one of them is a contraindication (an item marked C)
#   contraindication_count: int — how many of them are
# -> monitoring raises an "eligibility_review" alert, cause "eligibility:<screen id>": high with a contraindication,
#    medium otherwise.
eligibility_needs_review = Signal()

# A physician reviewed the last "yes" of an eligibility screen, which is now decided
# (treatment.eligibility_services.eligibility_review).
#   patient: Patient
#   screen_id: int — the EligibilityScreen
#   cleared: bool — True when it became "cleared", False when "not_cleared"
#   reviewed_by: User — the physician whose review decided it
# -> monitoring resolves the screen's "eligibility_review" alert, with that physician as the actor.
eligibility_reviewed = Signal()
