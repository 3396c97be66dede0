"""Shapes of the patient's side of the API (api/patient_views.py): separate input and output serializers.

No rule lives here. Input serializers parse, and ask the same plausibility functions the pages and the services ask
(treatment.gates re-exports treatment.plausible; monitoring.instruments.score) only so that a typing error comes back
naming its field in `attr`; the services check everything again and decide. Output serializers read what the
services and selectors return.
"""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import prefetch_related_objects
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import NotificationPreference
from accounts.notification_preferences import PATIENT_FIELDS
from monitoring import instruments
from monitoring.models import SurveyAssignment, SurveyResponse
from treatment import gates, record_selectors, services
from treatment.models import (
    AdverseEvent,
    AdverseEventSeverity,
    Route,
    SessionStatus,
    SideEffect,
    SideEffectSeverity,
    TreatmentSession,
)

# --- Shared pieces ----------------------------------------------------------------------------------------------------


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time with its UTC offset. A time without one is refused: a record made offline on a phone must say
    which instant it means, and a guess could move a dose across the interval gate."""

    default_error_messages = {
        "naive": "Give the time with its offset from UTC, for example 2026-05-13T18:05:00-05:00.",
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:  # well formed but impossible (minute 99): the parent says it is invalid
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                self.fail("naive")
        return super().to_internal_value(value)


UTC_OFFSET = re.compile(r"(?:[zZ]|[+-][0-9]{2}(?::?[0-9]{2})?)$")


@extend_schema_field(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", "example": "21:00"}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the person's own time zone, HH:MM (quiet hours, a plan's session time): no UTC offset,
    as the time means the same hour on any date and either side of a DST change."""

    default_error_messages = {"offset": "Give a local time without a UTC offset, for example 21:00."}

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)

    def to_internal_value(self, value):
        # Django's parse_time drops an offset silently ("20:00Z" would become 20:00 local): refuse it instead.
        if isinstance(value, str) and UTC_OFFSET.search(value.strip()):
            self.fail("offset")
        return super().to_internal_value(value)


def _refuse(errors: dict[str, list[str]], field: str, error: DjangoValidationError) -> None:
    errors.setdefault(field, []).extend(error.messages)


def _check(errors: dict[str, list[str]], field: str, validate, *args, **kwargs) -> None:
    """Run one of the apps' validators; its refusal is filed under `field`."""
    try:
        validate(*args, **kwargs)
    except DjangoValidationError as error:
        _refuse(errors, field, error)


def _check_vitals(errors, fields: tuple[str, str, str], values: tuple, *, second_reading: bool = False) -> None:
    """treatment.gates.validate_vitals, each message filed under the reading its code names."""
    try:
        gates.validate_vitals(*values, second_reading=second_reading)
    except DjangoValidationError as error:
        by_reading = dict(zip(("systolic", "diastolic", "heart_rate"), fields, strict=True))
        for item in error.error_list:
            field = by_reading.get(item.code, fields[0])
            errors.setdefault(field, []).extend(item.messages)


class GateMessageSerializer(serializers.Serializer):
    """A failed gate or a note, as the page shows it: its code (treatment.gates.GATE_CODES) and the plain message.
    A stored entry missing either shows it empty rather than failing the whole answer."""

    code = serializers.CharField(default="")
    message = serializers.CharField(default="")


# --- Notification preferences -----------------------------------------------------------------------------------------


class PreferencesSerializer(serializers.ModelSerializer):
    quiet_hours_start = LocalTimeField(help_text="In your own time zone.")
    quiet_hours_end = LocalTimeField(help_text="In your own time zone; may be earlier than the start (past midnight).")

    class Meta:
        model = NotificationPreference
        fields = PATIENT_FIELDS


class PreferencesInputSerializer(serializers.ModelSerializer):
    """Any of the patient's preference fields (PATCH: only those sent change); the service checks the whole."""

    quiet_hours_start = LocalTimeField(required=False)
    quiet_hours_end = LocalTimeField(required=False)

    class Meta:
        model = NotificationPreference
        fields = PATIENT_FIELDS


# --- The plan ---------------------------------------------------------------------------------------------------------


class MyPlanSerializer(serializers.Serializer):
    """The current version of the patient's plan (read only), with when the next dose may be taken at the earliest."""

    plan_id = serializers.IntegerField(source="plan.pk")
    status = serializers.CharField(source="plan.status")
    version = serializers.IntegerField(source="version.number")
    version_created_at = serializers.DateTimeField(source="version.created_at")
    route = serializers.CharField(source="version.route")
    dose_mg = serializers.DecimalField(source="version.dose_mg", max_digits=6, decimal_places=1)
    max_single_dose_mg = serializers.DecimalField(source="version.max_single_dose_mg", max_digits=6, decimal_places=1)
    titration = serializers.ListField(
        source="version.titration", child=serializers.DictField(), help_text="Steps: dose_mg from a session or date."
    )
    sessions_per_week = serializers.IntegerField(source="version.sessions_per_week")
    min_hours_between = serializers.IntegerField(source="version.min_hours_between")
    systolic_limit = serializers.IntegerField(source="version.systolic_limit")
    diastolic_limit = serializers.IntegerField(source="version.diastolic_limit")
    heart_rate_lower = serializers.IntegerField(source="version.heart_rate_lower")
    heart_rate_upper = serializers.IntegerField(source="version.heart_rate_upper")
    sitter_required = serializers.BooleanField(source="version.sitter_required")
    fasting_hours = serializers.IntegerField(source="version.fasting_hours")
    no_driving_hours = serializers.IntegerField(source="version.no_driving_hours")
    review_date = serializers.DateField(source="version.review_date")
    session_weekdays = serializers.ListField(
        source="version.session_weekdays", child=serializers.IntegerField(), help_text="Monday 0 to Sunday 6."
    )
    session_time = LocalTimeField(source="version.session_time", allow_null=True, help_text="In your own time zone.")
    next_allowed_at = serializers.DateTimeField(
        allow_null=True, help_text="The earliest time of the next dose while the plan's interval runs; else null."
    )


# --- Sessions -----------------------------------------------------------------------------------------------------------


class MySessionSerializer(serializers.ModelSerializer):
    """One of the patient's sessions: the pre-dose check with its gate result, and the dose entry once logged."""

    plan_version = serializers.IntegerField(source="plan_version.number", allow_null=True, default=None)
    gate_failures = GateMessageSerializer(many=True, help_text="Every failed gate of a held session.")
    gate_notes = GateMessageSerializer(many=True)
    post_dose_findings = GateMessageSerializer(many=True)
    side_effects = serializers.SerializerMethodField()
    severe_side_effect = serializers.SerializerMethodField()

    class Meta:
        model = TreatmentSession
        fields = (
            "id",
            "status",
            "scheduled_for",
            "checked_at",
            "plan_version",
            "session_number",
            "planned_dose_mg",
            "sitter_present",
            "sitter_name",
            "sitter_phone",
            "no_driving",
            "fasted",
            "no_alcohol_or_sedatives",
            "safe_setting",
            "systolic",
            "diastolic",
            "heart_rate",
            "remeasured_systolic",
            "remeasured_diastolic",
            "remeasured_heart_rate",
            "pain_before",
            "gate_failures",
            "gate_notes",
            "severe_hypertension",
            "dose_mg",
            "route",
            "taken_at",
            "dissociation",
            "pain_after",
            "post_systolic",
            "post_diastolic",
            "post_heart_rate",
            "side_effects",
            "severe_side_effect",
            "notes",
            "post_dose_findings",
            "completed_at",
        )

    def get_side_effects(self, session) -> dict[str, str]:
        """{effect: severity} for each side effect reported (uses the prefetched side effects)."""
        return {effect.effect: effect.severity for effect in _side_effects(session)}

    def get_severe_side_effect(self, session) -> bool:
        return any(effect.severity == SideEffectSeverity.SEVERE for effect in _side_effects(session))


def _side_effects(session):
    """The session's side effects: the prefetched ones, or read once for a session read without them."""
    if "side_effects" not in getattr(session, "_prefetched_objects_cache", {}):
        prefetch_related_objects([session], "side_effects")
    return session.side_effects.all()


class PreDoseCheckInputSerializer(serializers.Serializer):
    """The pre-dose check, as the page's form asks it (treatment.session_views.PreDoseForm)."""

    checked_at = AwareDateTimeField(
        required=False,
        help_text="When the check was made, for a record made offline: not in the future, at most 7 days ago. "
        "Defaults to now. The gates are evaluated at this time.",
    )
    sitter_present = serializers.BooleanField(default=False)
    sitter_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    sitter_phone = serializers.CharField(max_length=32, allow_blank=True, default="")
    no_driving = serializers.BooleanField(default=False)
    fasted = serializers.BooleanField(default=False)
    no_alcohol_or_sedatives = serializers.BooleanField(default=False)
    safe_setting = serializers.BooleanField(default=False)
    systolic = serializers.IntegerField(help_text="mmHg")
    diastolic = serializers.IntegerField(help_text="mmHg")
    heart_rate = serializers.IntegerField(help_text="per minute")
    pain_now = serializers.IntegerField(help_text="0-10")
    remeasured_systolic = serializers.IntegerField(required=False, allow_null=True, default=None)
    remeasured_diastolic = serializers.IntegerField(required=False, allow_null=True, default=None)
    remeasured_heart_rate = serializers.IntegerField(required=False, allow_null=True, default=None)

    def validate(self, data):
        """The page's checks, by field: the check's time, the readings, pain, the sitter's phone (context: `now` and
        `sitter_required`, which the page's form reads from the plan in force)."""
        now = self.context["now"]
        data.setdefault("checked_at", now)
        errors: dict[str, list[str]] = {}
        _check(errors, "checked_at", gates.validate_record_time, data["checked_at"], now, what=gates.CHECK_TIME)
        readings = (data["systolic"], data["diastolic"], data["heart_rate"])
        _check_vitals(errors, ("systolic", "diastolic", "heart_rate"), readings)
        again = (data["remeasured_systolic"], data["remeasured_diastolic"], data["remeasured_heart_rate"])
        if all(value is not None for value in again):
            fields = ("remeasured_systolic", "remeasured_diastolic", "remeasured_heart_rate")
            _check_vitals(errors, fields, again, second_reading=True)
        _check(errors, "pain_now", gates.validate_scale, "Pain now", data["pain_now"])
        sitter = {
            "sitter_required": self.context["sitter_required"],
            "sitter_present": data["sitter_present"],
            "sitter_name": data["sitter_name"],
        }
        _check(errors, "sitter_phone", gates.validate_sitter_phone, data["sitter_phone"], **sitter)
        if errors:
            raise serializers.ValidationError(errors)
        return data

    def to_check(self) -> gates.PreDoseCheck:
        return gates.PreDoseCheck(**self.validated_data)


TAKEN_TIME = "The time you took the dose"


class GateResultSerializer(serializers.Serializer):
    passed = serializers.BooleanField(help_text="True: the patient may take the dose now. False: do not dose.")
    status = serializers.ChoiceField(choices=[SessionStatus.IN_PROGRESS, SessionStatus.HELD])
    reasons = GateMessageSerializer(many=True, help_text="Each failed gate, with the message the page shows.")
    next_allowed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the interval gate held: the earliest time of the next dose."
    )
    notes = GateMessageSerializer(many=True)
    severe_hypertension = serializers.BooleanField()
    emergency_instructions = serializers.CharField(
        allow_null=True, help_text="With a reading above 180/120: what to do now, the emergency number first."
    )
    may_remeasure = serializers.BooleanField(
        help_text="A reading was beyond a limit: a second reading after 5 minutes seated may be sent in a new check."
    )


class PreDoseResultSerializer(serializers.Serializer):
    session = MySessionSerializer()
    gate = GateResultSerializer()


class PostDoseEntryInputSerializer(serializers.Serializer):
    """The post-dose entry, as the page's form asks it (treatment.session_views.PostDoseForm)."""

    dose_mg = serializers.DecimalField(max_digits=7, decimal_places=1)
    route = serializers.ChoiceField(choices=Route.choices)
    taken_at = AwareDateTimeField(
        required=False,
        help_text="When the dose was taken: not in the future, not before the pre-dose check, at most 7 days ago. "
        "Defaults to now.",
    )
    dissociation = serializers.IntegerField(help_text="0-10, at the peak")
    pain_after = serializers.IntegerField(help_text="0-10")
    side_effects = serializers.DictField(
        child=serializers.ChoiceField(choices=SideEffectSeverity.choices),
        required=False,
        default=dict,
        help_text=f"{{effect: severity}}; effects: {', '.join(SideEffect.values)}. Leave out the ones you did not have.",
    )
    post_systolic = serializers.IntegerField(required=False, allow_null=True, default=None)
    post_diastolic = serializers.IntegerField(required=False, allow_null=True, default=None)
    post_heart_rate = serializers.IntegerField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=4000, allow_blank=True, default="")

    def validate_side_effects(self, value):
        unknown = sorted(set(value) - set(SideEffect.values))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown side effects: {', '.join(unknown)}. Choose from {', '.join(SideEffect.values)}."
            )
        return value

    def validate(self, data):
        """The service's checks, by field (context: `now` and the `session` being completed)."""
        now, session = self.context["now"], self.context["session"]
        data.setdefault("taken_at", now)
        errors: dict[str, list[str]] = {}
        if session.checked_at is not None:
            _check(errors, "taken_at", gates.validate_time_taken, data["taken_at"], session.checked_at, now)
        if "taken_at" not in errors:
            _check(errors, "taken_at", gates.validate_record_time, data["taken_at"], now, what=TAKEN_TIME)
        if session.plan_version is not None:
            _check(errors, "dose_mg", gates.validate_dose, data["dose_mg"], session.plan_version.max_single_dose_mg)
        _check(errors, "dissociation", gates.validate_scale, "Dissociation", data["dissociation"])
        _check(errors, "pain_after", gates.validate_scale, "Pain after the dose", data["pain_after"])
        if data["post_systolic"] is not None and data["post_diastolic"] is not None:
            fields = ("post_systolic", "post_diastolic", "post_heart_rate")
            _check_vitals(errors, fields, (data["post_systolic"], data["post_diastolic"], data["post_heart_rate"]))
        if errors:
            raise serializers.ValidationError(errors)
        return data


class HelpRequestResultSerializer(serializers.Serializer):
    """Whom to call, in the order the help page shows them: the emergency number first, then the sitter, then the
    clinic."""

    help_request_id = serializers.IntegerField()
    requested_at = serializers.DateTimeField()
    care_team_told = serializers.BooleanField()
    emergency_number = serializers.CharField()
    sitter_name = serializers.CharField(allow_blank=True)
    sitter_phone = serializers.CharField(allow_blank=True)
    clinic_name = serializers.CharField()
    clinic_phone = serializers.CharField(allow_blank=True)


# --- Surveys ------------------------------------------------------------------------------------------------------------


class SurveyOptionSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class SurveyItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    options = SurveyOptionSerializer(many=True)
    scored = serializers.BooleanField()
    required = serializers.BooleanField()


class SurveyDueSerializer(serializers.ModelSerializer):
    """A check-in the patient can answer now, with its instrument's items to show (one page per instrument)."""

    instrument = serializers.CharField(source="instrument.code")
    instrument_name = serializers.CharField(source="instrument.name")
    instrument_version = serializers.CharField(source="instrument.version")
    stem = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    class Meta:
        model = SurveyAssignment
        fields = (
            "id",
            "instrument",
            "instrument_name",
            "instrument_version",
            "reason",
            "due_at",
            "expires_at",
            "stem",
            "items",
        )

    def get_stem(self, assignment) -> str:
        return assignment.instrument.definition.get("stem") or ""

    @extend_schema_field(SurveyItemSerializer(many=True))
    def get_items(self, assignment):
        return assignment.instrument.definition.get("items", [])


class SurveyAnswersInputSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.IntegerField(), help_text='{item key: the value of the chosen answer}, e.g. {"q9": 0}.'
    )

    def validate_answers(self, answers):
        """monitoring.instruments.score, the service's own scoring: a bad answer is refused naming its item
        (context: the `instrument` code)."""
        try:
            instruments.score(self.context["instrument"], answers)
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise serializers.ValidationError(error.message_dict) from error
            raise serializers.ValidationError(error.messages) from error
        return answers


class CrisisResourcesSerializer(serializers.Serializer):
    """CLINICAL.md section 6: shown before anything else after a positive PHQ-9 item 9; the numbers are the clinic's."""

    message = serializers.CharField()
    crisis_line = serializers.CharField(help_text="988 Suicide & Crisis Lifeline in the US: call or text.")
    emergency_number = serializers.CharField()
    clinic_name = serializers.CharField()
    clinic_phone = serializers.CharField(allow_blank=True)
    do_not_dose = serializers.BooleanField(help_text="Doses are held until a physician has spoken with the patient.")


class SurveyResultSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    assignment = serializers.IntegerField(source="assignment_id", allow_null=True)
    crisis = serializers.SerializerMethodField()

    class Meta:
        model = SurveyResponse
        fields = ("id", "assignment", "instrument", "instrument_version", "total", "band", "flags", "answered_at",
                  "crisis")  # fmt: skip

    @extend_schema_field(CrisisResourcesSerializer(allow_null=True))
    def get_crisis(self, response):
        """As the page decides it (monitoring.survey_views.survey_done)."""
        if not instruments.needs_crisis_resources(response.instrument.code, response.flags):
            return None
        clinic = response.patient.clinic
        contact = f" Your clinic, {clinic.name}: {clinic.contact_phone}." if clinic.contact_phone else ""
        return {
            "message": f"You do not have to face this alone. Call or text {clinic.crisis_line} (the 988 Suicide & "
            f"Crisis Lifeline in the US). In an emergency call {clinic.emergency_number}.{contact} "
            "Your care team has been told. They will contact you.",
            "crisis_line": clinic.crisis_line,
            "emergency_number": clinic.emergency_number,
            "clinic_name": clinic.name,
            "clinic_phone": clinic.contact_phone,
            "do_not_dose": clinic.hold_on_open_safety_alert,
        }


# --- Adverse events ----------------------------------------------------------------------------------------------------


class MyAdverseEventSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session_id", allow_null=True)
    reported_by_me = serializers.SerializerMethodField()

    class Meta:
        model = AdverseEvent
        fields = ("id", "description", "started_at", "severity", "ongoing", "session", "reported_at",
                  "reported_by_me")  # fmt: skip

    def get_reported_by_me(self, adverse_event) -> bool:
        """False when a physician of the care team recorded it for the patient."""
        return adverse_event.reported_by_id == self.context["request"].user.pk


class AdverseEventReportInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=services.MAX_ADVERSE_EVENT_DESCRIPTION, help_text="What happened.")
    started_at = AwareDateTimeField(help_text="When it started (not in the future).")
    severity = serializers.ChoiceField(choices=AdverseEventSeverity.choices)
    ongoing = serializers.BooleanField(default=True)
    session = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="The id of one of your sessions it followed."
    )


class WhatToDoNowSerializer(serializers.Serializer):
    """What the reported page shows first (templates/treatment/adverse_events/reported.html)."""

    urgency = serializers.ChoiceField(choices=["emergency", "urgent", "routine"])
    headline = serializers.CharField()
    instructions = serializers.CharField()
    emergency_number = serializers.CharField()
    clinic_phone = serializers.CharField(allow_blank=True)


class AdverseEventReportedSerializer(serializers.Serializer):
    adverse_event = MyAdverseEventSerializer()
    what_to_do_now = WhatToDoNowSerializer()
    holds_doses = serializers.BooleanField(help_text="Further doses are held until a physician has reviewed it.")


def what_to_do_now(adverse_event: AdverseEvent) -> dict:
    """The reported page's guidance in plain text, by its urgency (treatment.record_selectors.adverse_event_urgency,
    the page's own); the numbers are the clinic's."""
    clinic = adverse_event.patient.clinic
    emergency, phone = clinic.emergency_number, clinic.contact_phone
    urgency = record_selectors.adverse_event_urgency(adverse_event)
    if urgency == "emergency":
        headline = f"Call {emergency} now"
        instructions = (
            f"Call {emergency} now. Tell them what happened and that you take ketamine at home. Stay where someone "
            "can reach you; if your sitter is with you, keep them with you."
        )
    elif urgency == "urgent":
        headline = "Get medical care now"
        clinic_line = f"Call your clinic on {phone}, or" if phone else "Contact your clinic, or"
        instructions = (
            f"{clinic_line} go to urgent care or your own doctor today. If it gets worse or you think your life is "
            f"in danger, call {emergency} now."
        )
    else:
        headline = "Thank you for telling us"
        clinic_line = f" on {phone}" if phone else ""
        instructions = (
            f"Your care team has been told. If it gets worse, report it again or call your clinic{clinic_line}. "
            f"In an emergency call {emergency}."
        )
    return {
        "urgency": urgency,
        "headline": headline,
        "instructions": instructions,
        "emergency_number": emergency,
        "clinic_phone": phone,
    }


# --- Progress -----------------------------------------------------------------------------------------------------------


def _score(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, **kwargs)


def _percent(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True, **kwargs)


class ResponderSerializer(serializers.Serializer):
    mean = _score(help_text="The mean of the responses in the window.")
    percent = _percent(help_text="Reduction from baseline in % (positive = better).")
    responder = serializers.ChoiceField(
        choices=["substantial", "moderate", "none"], allow_null=True, help_text="IMMPACT: ≥ 50 %, ≥ 30 %, below."
    )


class ProgressSerializer(serializers.Serializer):
    """monitoring.outcomes.outcome_of (CLINICAL.md section 3) and monitoring.opioid_selectors.mme_now."""

    instrument = serializers.CharField(help_text="peg3, or nrs without any PEG-3 response.")
    first_session_at = serializers.DateTimeField(allow_null=True)
    baseline = _score()
    current = _score()
    change_points = _score(help_text="current - baseline")
    change_percent = _percent(help_text="(baseline - current) / baseline x 100; null when the baseline is 0.")
    week4 = ResponderSerializer(help_text="Days 22-35 after the first completed session.")
    week12 = ResponderSerializer(help_text="Days 77-91 after the first completed session.")
    mme_now = serializers.DecimalField(max_digits=9, decimal_places=2, help_text="Total daily MME today.")
    mme_caution = serializers.CharField()


def progress_data(outcome, mme_now, mme_caution: str) -> dict:
    return {
        "instrument": outcome.instrument,
        "first_session_at": outcome.first_session_at,
        "baseline": outcome.baseline,
        "current": outcome.current,
        "change_points": outcome.change_points,
        "change_percent": outcome.change_percent,
        "week4": {"mean": outcome.week4_mean, "percent": outcome.week4_percent, "responder": outcome.week4_responder},
        "week12": {
            "mean": outcome.week12_mean,
            "percent": outcome.week12_percent,
            "responder": outcome.week12_responder,
        },
        "mme_now": mme_now,
        "mme_caution": mme_caution,
    }


# --- The error answers of the patient's writes --------------------------------------------------------------------------


class PatientRefusalErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class PatientBadRequestResponseSerializer(serializers.Serializer):
    """400, in the API's one error shape: `validation_error` with `attr` naming the field (or the Idempotency-Key
    header) for input refused before anything runs; `client_error` for a refusal of the service in plain words
    (a session already in progress, a time in the future), or a body that is not JSON."""

    type = serializers.CharField(help_text="validation_error or client_error")
    errors = PatientRefusalErrorSerializer(many=True)


class PatientRefusalResponseSerializer(serializers.Serializer):
    """409: the same Idempotency-Key is still running, or the record's state has moved on; 422: the key was used
    with a different request."""

    type = serializers.ChoiceField(choices=["client_error"])
    errors = PatientRefusalErrorSerializer(many=True)
