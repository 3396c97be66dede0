"""Pre-dose safety gates and post-dose findings (CLINICAL.md section 2). Pure: no database.

treatment.services builds PlanLimits, PatientState and PreDoseCheck from its rows and calls `evaluate` once per
pre-dose check; the session is held when `result.passed` is false, with every failure's code and message. All
gates are evaluated, in the order of CLINICAL.md's table, so the patient sees every reason at once. Messages are
information for the patient, never a diagnosis (CLINICAL.md preamble).

Decisions (each proved by a test in tests/treatment/test_gates_*.py):
- Times are aware datetimes, compared as UTC instants: a DST change neither shortens nor lengthens the interval.
  (Python compares and subtracts two datetimes of the same ZoneInfo as wall-clock times, hence the conversion.)
- "This week" is the ISO week (Monday to Sunday) of `now` in the patient's time zone.
- The review date passes on its own day and holds from the next day, in the patient's time zone.
- Supply with no dispensing record (units on hand unknown) passes with a note: Anodyne cannot know a supply it was
  never told about, and holding every dose of a clinic that records no dispenses would stop treatment for nothing.
- `evaluate` validates the readings it is given (treatment.plausible), so no entry point gates on a typing error.
- Titration (treatment.titration) gives this session's planned dose, used by the supply and titration gates.

Everything the treatment service needs imports from here, the plausible-input validators and titration included.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from treatment.plausible import (
    normalise_phone,  # noqa: F401 (re-exported)
    plain_number,
    sitter_named,
    to_utc,
    validate_dose,
    validate_record_time,  # noqa: F401 (re-exported)
    validate_scale,
    validate_sitter_phone,
    validate_time_taken,  # noqa: F401 (re-exported: the whole API imports from here)
    validate_vitals,
)
from treatment.titration import (
    TitrationStep,
    dose_for_session,
    titration_from_json,  # noqa: F401 (re-exported)
)

# Severe hypertension, > 180 systolic or > 120 diastolic: ACC/AHA 2017 (CLINICAL.md section 2).
SEVERE_SYSTOLIC = 180
SEVERE_DIASTOLIC = 120
# Dissociation is a local item, not a validated scale: >= 8 marks the session for review (CLINICAL.md section 2).
DISSOCIATION_REVIEW_AT = 8

PLAN_ACTIVE = "active"
# What the patient reads for each failed gate, in the order `evaluate` reports them (CLINICAL.md section 2,
# "Pre-dose gates"); every one ends with DO_NOT_DOSE. Information, never a diagnosis.
MESSAGES = {
    "patient_inactive": "Your treatment is not active (paused or discharged). Contact your care team.",
    "consent": "You have not signed your clinic's current consent to at-home treatment.",
    "eligibility": "{reason}",  # ELIGIBILITY_REASONS, by the patient's eligibility status
    "plan_inactive": "Your treatment plan is {status}, not active.",
    "review_date": "Your treatment plan was due for review on {day}: your physician must review it first.",
    "safety_alert": "A safety alert about you is open: a physician must resolve it before your next dose.",
    "interval": "Your last dose was {ago} ago. Your plan asks for at least {hours} hours between doses: the earliest "
    "time for your next dose is {day} at {time}.",
    "weekly_count": "You have taken {count} this week (Monday to Sunday). Your plan allows {allowed} a week.",
    "systolic": "Your blood pressure is {bp}. Your plan holds a dose when the upper number is above {limit}.",
    "diastolic": "Your blood pressure is {bp}. Your plan holds a dose when the lower number is above {limit}.",
    "heart_rate": "Your heart rate is {rate} per minute. Your plan holds a dose when it is {side} {limit} per minute.",
    "sitter": "Your plan asks for a sitter: an adult who stays with you, present now and named here.",
    "checklist": "Not confirmed: {items}.",
    "supply": "Your expected supply is {units} units of {strength} mg, less than this session's dose of {dose} mg. "
    "Contact your care team about your supply.",
    "titration": "This session's dose in your plan ({dose} mg) is above its maximum single dose ({maximum} mg): "
    "your physician must correct the plan.",
}
GATE_CODES = tuple(MESSAGES)
# CLINICAL.md section 1, "Eligibility screen": the patient's latest answered screen must be cleared (every "yes"
# reviewed by a physician of the care team). The keys are treatment.eligibility's statuses (this module stays pure).
ELIGIBILITY_CLEARED = "cleared"
ELIGIBILITY_REASONS = {
    "unanswered": "You have not answered the eligibility questions yet: answer them before your first dose.",
    "needs_review": "Your answers to the eligibility questions need your care team's review before your next dose.",
    "not_cleared": "After reviewing your answers to the eligibility questions, your care team has not cleared you "
    "for treatment. Contact your care team.",
}
READING_CODES = frozenset({"systolic", "diastolic", "heart_rate"})
DO_NOT_DOSE = "Do not take a dose now."
NO_ALCOHOL_OR_SEDATIVES = "no alcohol, sedatives, opioids beyond your usual prescription or other drugs today"
SUPPLY_UNKNOWN = "No dispense is recorded for you yet, so your supply was not checked."

# CLINICAL.md section 2 "Blood pressure beyond the hold", and section 6: the emergency number comes first. Shown
# when GateResult.severe_hypertension; format it with the clinic's emergency number (a clinic setting, 911 default).
SEVERE_HYPERTENSION_INSTRUCTIONS = (
    "Call {emergency_number} now if you have chest pain, shortness of breath, a severe headache, weakness, "
    "confusion or changes in vision. Your blood pressure reading is above 180/120: do not take a dose. "
    "Sit, rest and measure your blood pressure again in 5 minutes."
)


@dataclass(frozen=True, kw_only=True)
class PlanLimits:
    """The current plan version's gate fields. No defaults: a forgotten field must fail loudly, not pass."""

    status: str  # "active", "paused" or "completed"
    review_date: dt.date | None
    dose_mg: Decimal
    max_single_dose_mg: Decimal
    titration: tuple[TitrationStep, ...]
    sessions_per_week: int
    min_hours_between: int
    # Clinic defaults 160/90 and HR 50-100: Choose Ketamine remote treatment agreement (CLINICAL.md section 2).
    systolic_limit: int
    diastolic_limit: int
    heart_rate_lower: int
    heart_rate_upper: int
    sitter_required: bool
    no_driving_hours: int  # 0 = the plan asks nothing about driving
    fasting_hours: int  # 0 = the plan asks for no fasting


@dataclass(frozen=True, kw_only=True)
class PatientState:
    is_active: bool
    has_current_consent: bool
    eligibility: str  # the latest answered eligibility screen's status ("cleared", ...), or "unanswered"
    has_open_safety_alert: bool  # an open critical alert for an adverse event or suicidality
    hold_on_open_safety_alert: bool  # the clinic's setting (CLINICAL.md: on by default)
    time_zone: str  # IANA name
    last_dose_taken_at: dt.datetime | None
    # Every dose taken since at least the start of this week (more is fine; the week is chosen here).
    doses_taken_at: tuple[dt.datetime, ...]
    doses_taken_under_plan: int  # completed sessions so far; this session's number is one more
    units_on_hand: Decimal | None  # expected units (CLINICAL.md "Dispensing"); None when nothing was dispensed
    strength_mg_per_unit: Decimal | None


@dataclass(frozen=True, kw_only=True)
class PreDoseCheck:
    checked_at: dt.datetime
    sitter_present: bool
    sitter_name: str
    no_driving: bool
    fasted: bool
    no_alcohol_or_sedatives: bool  # nor opioids beyond the usual prescription, nor other drugs, today
    safe_setting: bool
    systolic: int
    diastolic: int
    heart_rate: int
    pain_now: int
    # A second reading after 5 minutes seated and rested: all three or none. Both are kept; the gate uses this one.
    remeasured_systolic: int | None = None
    remeasured_diastolic: int | None = None
    remeasured_heart_rate: int | None = None
    # The sitter's phone (issue 10): shown with the emergency number when the patient asks for help during the
    # session. Required when the plan asks for a sitter and one is named (validate_sitter_phone).
    sitter_phone: str = ""


@dataclass(frozen=True)
class Readings:
    systolic: int
    diastolic: int
    heart_rate: int
    remeasured: bool  # True when these are the second reading


@dataclass(frozen=True)
class GateFailure:
    code: str  # one of GATE_CODES
    message: str


@dataclass(frozen=True)
class GateNote:
    code: str  # "supply_unknown"
    message: str


@dataclass(frozen=True, kw_only=True)
class GateResult:
    failures: tuple[GateFailure, ...]
    notes: tuple[GateNote, ...]
    readings: Readings
    session_number: int
    planned_dose_mg: Decimal
    next_allowed_at: dt.datetime | None  # in the patient's zone, when the interval gate failed
    severe_hypertension: bool
    blood_pressure_severity: str | None  # None, "high" (beyond the plan) or "critical" (beyond 180/120)
    may_remeasure: bool  # a reading was beyond a limit and has not been measured again yet

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(failure.code for failure in self.failures)


def blood_pressure_severity(systolic: int, diastolic: int, plan: PlanLimits) -> str | None:
    """Alert severity of a reading (CLINICAL.md "Blood pressure beyond the hold"): high beyond the plan, critical
    beyond 180/120."""
    if systolic > SEVERE_SYSTOLIC or diastolic > SEVERE_DIASTOLIC:
        return "critical"
    if systolic > plan.systolic_limit or diastolic > plan.diastolic_limit:
        return "high"
    return None


def earliest_next_dose(last_dose_taken_at: dt.datetime, min_hours_between: int, *, now: dt.datetime):
    """The interval gate's rule: when the plan's minimum interval since the last dose ends, measured between UTC
    instants (a DST change neither shortens nor lengthens it); None once it has ended. Pages that show "next dose
    not before" ask this function, never compute it themselves."""
    earliest = to_utc(last_dose_taken_at, "last_dose_taken_at") + dt.timedelta(hours=min_hours_between)
    return earliest if to_utc(now, "now") < earliest else None


# The start of the message when the check's own time is refused (validate_record_time), on every path to the gates.
CHECK_TIME = "The time of your pre-dose check"


def evaluate(plan: PlanLimits, patient: PatientState, check: PreDoseCheck, *, now: dt.datetime) -> GateResult:
    """Every pre-dose gate, in CLINICAL.md's order. Raises ValidationError for implausible readings or pain."""
    zone = ZoneInfo(patient.time_zone)
    now = to_utc(now, "now")
    to_utc(check.checked_at, "checked_at")  # kept with the session; aware like every time here
    doses = {to_utc(t, "a dose time") for t in (*patient.doses_taken_at, patient.last_dose_taken_at) if t is not None}
    readings = _readings(check)
    validate_scale("Pain now", check.pain_now)
    validate_sitter_phone(
        check.sitter_phone,
        sitter_required=plan.sitter_required,
        sitter_present=check.sitter_present,
        sitter_name=check.sitter_name,
    )
    local_now = now.astimezone(zone)
    session_number = patient.doses_taken_under_plan + 1
    planned = dose_for_session(plan.dose_mg, plan.titration, session_number, local_now.date())
    failures, notes, next_allowed_at = [], [], None

    def hold(code, **values):
        failures.append(GateFailure(code, f"{MESSAGES[code].format(**values)} {DO_NOT_DOSE}"))

    # Plan active: the patient, their consent, their eligibility, the plan and its review date (in the patient's zone).
    if not patient.is_active:
        hold("patient_inactive")
    if not patient.has_current_consent:
        hold("consent")
    if patient.eligibility != ELIGIBILITY_CLEARED:
        hold("eligibility", reason=ELIGIBILITY_REASONS.get(patient.eligibility, ELIGIBILITY_REASONS["needs_review"]))
    if plan.status != PLAN_ACTIVE:
        hold("plan_inactive", status=plan.status)
    if plan.review_date is not None and local_now.date() > plan.review_date:
        hold("review_date", day=_date(plan.review_date))
    if patient.hold_on_open_safety_alert and patient.has_open_safety_alert:
        hold("safety_alert")
    # Interval, between UTC instants.
    if doses and (earliest := earliest_next_dose(max(doses), plan.min_hours_between, now=now)):
        next_allowed_at = earliest.astimezone(zone)
        ago, day, time = _duration(now - max(doses)), _date(next_allowed_at), f"{next_allowed_at:%H:%M}"
        hold("interval", ago=ago, hours=plan.min_hours_between, day=day, time=time)
    # Weekly count: the ISO week (Monday to Sunday) of now, in the patient's zone.
    week = local_now.isocalendar()[:2]
    this_week = sum(1 for t in doses if t <= now and t.astimezone(zone).isocalendar()[:2] == week)
    if this_week >= plan.sessions_per_week:
        hold("weekly_count", count=_count(this_week, "dose"), allowed=plan.sessions_per_week)
    # Readings: equal to a limit passes, beyond it holds (CLINICAL.md section 2).
    bp, rate = f"{readings.systolic}/{readings.diastolic}", readings.heart_rate
    if readings.systolic > plan.systolic_limit:
        hold("systolic", bp=bp, limit=plan.systolic_limit)
    if readings.diastolic > plan.diastolic_limit:
        hold("diastolic", bp=bp, limit=plan.diastolic_limit)
    if rate < plan.heart_rate_lower:
        hold("heart_rate", rate=rate, side="below", limit=plan.heart_rate_lower)
    if rate > plan.heart_rate_upper:
        hold("heart_rate", rate=rate, side="above", limit=plan.heart_rate_upper)
    # Checklist: a driving or fasting item with 0 hours in the plan is not asked.
    if plan.sitter_required and not sitter_named(check.sitter_present, check.sitter_name):
        hold("sitter")
    items = (
        (f"you will not drive for {plan.no_driving_hours} hours", check.no_driving or not plan.no_driving_hours),
        (f"you have fasted for {plan.fasting_hours} hours", check.fasted or not plan.fasting_hours),
        (NO_ALCOHOL_OR_SEDATIVES, check.no_alcohol_or_sedatives),
        ("you are in a safe and quiet setting", check.safe_setting),
    )
    if missing := [item for item, confirmed in items if not confirmed]:
        hold("checklist", items="; ".join(missing))
    # Supply: expected units on hand x strength cover this session's dose.
    units, strength = patient.units_on_hand, patient.strength_mg_per_unit
    if units is None or strength is None:
        notes.append(GateNote("supply_unknown", SUPPLY_UNKNOWN))
    elif units * strength < planned:
        hold("supply", units=plain_number(units), strength=plain_number(strength), dose=plain_number(planned))
    # Titration: this session's planned dose stays within the plan's maximum single dose.
    if planned > plan.max_single_dose_mg:
        hold("titration", dose=plain_number(planned), maximum=plain_number(plan.max_single_dose_mg))
    return GateResult(
        failures=tuple(failures),
        notes=tuple(notes),
        readings=readings,
        session_number=session_number,
        planned_dose_mg=planned,
        next_allowed_at=next_allowed_at,
        severe_hypertension=readings.systolic > SEVERE_SYSTOLIC or readings.diastolic > SEVERE_DIASTOLIC,
        blood_pressure_severity=blood_pressure_severity(readings.systolic, readings.diastolic, plan),
        may_remeasure=not readings.remeasured and any(f.code in READING_CODES for f in failures),
    )


# --- After the dose (CLINICAL.md section 2, "After the dose" and "Blood pressure beyond the hold"). ---


# What the care team reads (alerts, the session review) about a logged dose.
POST_DOSE_MESSAGES = {
    "dose_above_maximum": "Dose logged: {dose} mg, above the plan's maximum single dose of {maximum} mg.",
    "dose_above_planned": "Dose logged: {dose} mg, above the {planned} mg planned for this session.",
    "blood_pressure": "Blood pressure after the dose: {bp}, above {beyond}.",
    "dissociation": "Dissociation at the peak: {value} out of 10 ({at} or more asks for a physician's review).",
}


@dataclass(frozen=True)
class PostDoseFinding:
    code: str  # a key of POST_DOSE_MESSAGES
    alert_severity: str | None  # the alert to raise (PRODUCT.md "Alerts"); None = marks the session for review
    message: str


@dataclass(frozen=True)
class PostDoseFindings:
    findings: tuple[PostDoseFinding, ...]
    needs_physician_review: bool  # dissociation >= 8, or a dose above this session's planned (titrated) dose

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(finding.code for finding in self.findings)


def post_dose_findings(
    plan: PlanLimits,
    *,
    dose_taken_mg: Decimal,
    planned_dose_mg: Decimal,
    dissociation: int,
    systolic: int | None = None,
    diastolic: int | None = None,
) -> PostDoseFindings:
    """What the service must report about a logged dose. The dose is recorded as reported (the record must be true);
    this only flags it. Raises ValidationError for implausible input."""
    validate_dose(dose_taken_mg, plan.max_single_dose_mg)
    validate_scale("Dissociation", dissociation)
    if (systolic is None) != (diastolic is None):
        raise ValidationError("Enter both numbers of the blood pressure after the dose, or neither.")
    if systolic is not None:
        validate_vitals(systolic, diastolic, None)
    findings, dose = [], plain_number(dose_taken_mg)

    def add(code, alert_severity, **values):
        findings.append(PostDoseFinding(code, alert_severity, POST_DOSE_MESSAGES[code].format(**values)))

    if dose_taken_mg > plan.max_single_dose_mg:
        add("dose_above_maximum", "high", dose=dose, maximum=plain_number(plan.max_single_dose_mg))
    elif dose_taken_mg > planned_dose_mg:
        add("dose_above_planned", None, dose=dose, planned=plain_number(planned_dose_mg))
    if systolic is not None and (severity := blood_pressure_severity(systolic, diastolic, plan)):
        limits = f"{plan.systolic_limit}/{plan.diastolic_limit}"
        beyond = f"{SEVERE_SYSTOLIC}/{SEVERE_DIASTOLIC}" if severity == "critical" else f"the plan's limits, {limits}"
        add("blood_pressure", severity, bp=f"{systolic}/{diastolic}", beyond=beyond)
    if dissociation >= DISSOCIATION_REVIEW_AT:
        add("dissociation", None, value=dissociation, at=DISSOCIATION_REVIEW_AT)
    review = any(finding.code in {"dissociation", "dose_above_planned"} for finding in findings)
    return PostDoseFindings(tuple(findings), needs_physician_review=review)


def _readings(check: PreDoseCheck) -> Readings:
    validate_vitals(check.systolic, check.diastolic, check.heart_rate)
    again = (check.remeasured_systolic, check.remeasured_diastolic, check.remeasured_heart_rate)
    if all(value is None for value in again):
        return Readings(check.systolic, check.diastolic, check.heart_rate, remeasured=False)
    if any(value is None for value in again):
        raise ValidationError("Enter the second reading in full: systolic, diastolic and heart rate.")
    validate_vitals(*again, second_reading=True)
    return Readings(*again, remeasured=True)


def _duration(delta: dt.timedelta) -> str:
    hours, minutes = divmod(max(int(delta.total_seconds() // 60), 0), 60)
    if not hours:
        return _count(minutes, "minute")
    return _count(hours, "hour") + (f" {_count(minutes, 'minute')}" if minutes else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
