"""Shapes of the physician's and the clinic admin's side of the API: separate output and input serializers, no rule.

Output serializers read what the apps' selectors return (annotated querysets, dataclasses) and never query on their
own. Fields whose values come from a model's choices are plain strings in the output (their values are listed in
the help text): the same choice set named in many components would make the schema's enum names collide. Input
serializers only parse types (a number, a date, a list); every range and rule is the service's, which refuses in
plain words (a DomainError, answered as a 400, 403, 404 or 409 by api.errors).
"""

from rest_framework import serializers

from accounts.models import AuditAction, Condition, PatientStatus, Role
from api.patient_serializers import LocalTimeField
from monitoring.models import MAX_CLINICAL_NOTE, AlertKind, AlertStatus, Severity
from monitoring.reviews import MAX_BULK
from treatment.models import PlanStatus, PlanVersion, Route

# The ids the URLs take (up to 18 digits): a larger one could name no row.
MAX_ID = 10**18 - 1


def _id(**kwargs) -> serializers.IntegerField:
    """An id sent in a body."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _values(choices) -> str:
    return "One of: " + ", ".join(value for value, _ in choices) + "."


# --- The API's one error shape, as the staff operations document it ----------------------------------------------


class StaffErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True, help_text="The field, filter or header refused; null otherwise.")


class StaffErrorResponseSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="validation_error or client_error.")
    errors = StaffErrorSerializer(many=True)


# --- Small references --------------------------------------------------------------------------------------------


class PersonRefSerializer(serializers.Serializer):
    """Who did something: a user's id and full name."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()


class PatientRefSerializer(serializers.Serializer):
    """Which patient a record is about: the patient's id (as in /patients/{id}/) and full name."""

    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField(source="user.full_name")


class CareTeamMemberSerializer(serializers.Serializer):
    physician_id = serializers.IntegerField()
    user_id = serializers.IntegerField(source="physician.user_id")
    full_name = serializers.CharField(source="physician.user.full_name")
    added_at = serializers.DateTimeField()


# --- Outcomes (monitoring.outcomes) ----------------------------------------------------------------------------


class OutcomeSerializer(serializers.Serializer):
    """The pain outcome (CLINICAL.md section 3): PEG-3, or NRS for a patient without a PEG-3 response. Percentages
    are reductions from baseline (positive = better); responders are IMMPACT's categories."""

    instrument = serializers.CharField(help_text="peg3, or nrs where the patient has no PEG-3 response.")
    first_session_at = serializers.DateTimeField(allow_null=True)
    baseline = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    current = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    change_points = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    change_percent = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    week4_mean = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    week4_percent = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    week4_responder = serializers.CharField(allow_null=True, help_text="substantial, moderate, none, or null.")
    week12_mean = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    week12_percent = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    week12_responder = serializers.CharField(allow_null=True, help_text="substantial, moderate, none, or null.")


# --- The roster (the dashboard's columns) ------------------------------------------------------------------------


class RosterQuerySerializer(serializers.Serializer):
    """The dashboard's filters (monitoring.roster_selectors.RosterFilters)."""

    condition = serializers.ChoiceField(choices=Condition.choices, required=False)
    status = serializers.ChoiceField(choices=PatientStatus.choices, required=False)
    open_alerts = serializers.BooleanField(required=False, help_text="Only patients with an unresolved alert.")
    not_improving = serializers.BooleanField(
        required=False, help_text="Only patients less than 30 % better than baseline from week 4 on."
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Part of the patient's name or email."
    )


class RosterPatientSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    primary_condition = serializers.CharField(help_text=_values(Condition.choices))
    status = serializers.CharField(help_text=_values(PatientStatus.choices))
    open_alerts = serializers.IntegerField(source="open_alert_count")
    open_alert_severity = serializers.CharField(
        allow_null=True, help_text="The most severe unresolved alert's severity, or null."
    )
    latest_peg = serializers.DecimalField(max_digits=None, decimal_places=1, allow_null=True)
    latest_nrs = serializers.DecimalField(max_digits=None, decimal_places=1, allow_null=True)
    outcome = OutcomeSerializer()
    responder = serializers.CharField(allow_null=True, help_text="The latest responder category (week 12, else 4).")
    responder_week = serializers.IntegerField(allow_null=True)
    adherence_percent = serializers.DecimalField(
        max_digits=None, decimal_places=1, allow_null=True, help_text="Completed of ended scheduled sessions, 30 days."
    )
    adherence_completed = serializers.IntegerField()
    adherence_scheduled = serializers.IntegerField()
    mme_change = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True, help_text="Daily MME now minus at the first session."
    )
    last_session_at = serializers.DateTimeField(allow_null=True)
    last_session_status = serializers.CharField(allow_null=True)
    awaiting_review = serializers.IntegerField(help_text="Sessions awaiting a physician's sign-off.")


# --- The chart's essentials --------------------------------------------------------------------------------------


class ChartPatientSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    is_active = serializers.BooleanField(source="user.is_active", help_text="Whether the patient can sign in.")
    date_of_birth = serializers.DateField()
    time_zone = serializers.CharField()
    phone = serializers.CharField()
    primary_condition = serializers.CharField(help_text=_values(Condition.choices))
    status = serializers.CharField(help_text=_values(PatientStatus.choices))
    care_team = CareTeamMemberSerializer(source="care_team_memberships.all", many=True)


class PlanVersionSerializer(serializers.ModelSerializer):
    """One version of a treatment plan, as written (versions are never changed)."""

    author = PersonRefSerializer()
    status = serializers.CharField(help_text=_values(PlanStatus.choices))
    route = serializers.CharField(help_text=_values(Route.choices))
    current = serializers.SerializerMethodField(help_text="Whether this is its plan's current version.")
    session_time = LocalTimeField(allow_null=True, help_text="In the patient's own time zone.")

    class Meta:
        model = PlanVersion
        fields = ("id", "plan", "number", "current", "author", "reason", "created_at", *PlanVersion.CLINICAL_FIELDS)
        read_only_fields = fields

    def get_current(self, version) -> bool:
        return version.plan.current_version_id == version.pk


class AlertCountSerializer(serializers.Serializer):
    severity = serializers.CharField(help_text=_values(Severity.choices))
    count = serializers.IntegerField()


class SupplySerializer(serializers.Serializer):
    expected_units = serializers.DecimalField(max_digits=None, decimal_places=2)
    strength_mg_per_unit = serializers.DecimalField(max_digits=None, decimal_places=1)
    units_dispensed = serializers.IntegerField()
    days_left = serializers.DecimalField(
        max_digits=None, decimal_places=1, allow_null=True, help_text="At the active plan's dose, or null."
    )


class EssentialsSerializer(serializers.Serializer):
    outcome = OutcomeSerializer()
    awaiting_review = serializers.IntegerField()
    unresolved_alerts = serializers.IntegerField()
    alerts_by_severity = AlertCountSerializer(many=True, help_text="Unresolved alerts, most severe first.")
    plan_id = serializers.IntegerField(allow_null=True)
    plan_status = serializers.CharField(allow_null=True, help_text=_values(PlanStatus.choices))
    plan_version = PlanVersionSerializer(allow_null=True, help_text="The version in force, or null without a plan.")
    supply = SupplySerializer(allow_null=True, help_text="Null when nothing was ever dispensed.")
    mme_now = serializers.DecimalField(max_digits=None, decimal_places=2)


class PatientChartSerializer(serializers.Serializer):
    patient = ChartPatientSerializer()
    essentials = EssentialsSerializer()


# --- Alerts ------------------------------------------------------------------------------------------------------


class AlertRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    patient = PatientRefSerializer()
    kind = serializers.CharField(help_text=_values(AlertKind.choices))
    severity = serializers.CharField(help_text=_values(Severity.choices))
    status = serializers.CharField(help_text=_values(AlertStatus.choices))
    summary = serializers.CharField()
    first_raised_at = serializers.DateTimeField()
    last_raised_at = serializers.DateTimeField()
    occurrences = serializers.IntegerField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    acknowledged_by = PersonRefSerializer(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolved_by = PersonRefSerializer(allow_null=True)
    resolution_note = serializers.CharField()


class AlertStepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    what = serializers.CharField(help_text="raised, repeated, severity_raised, acknowledged or resolved.")
    severity = serializers.CharField()
    actor = PersonRefSerializer(allow_null=True, help_text="Null when the system raised it.")
    note = serializers.CharField()


class AlertDetailSerializer(AlertRecordSerializer):
    history = AlertStepSerializer(many=True, help_text="Every step of the alert, oldest first.")


class AlertResolveSerializer(serializers.Serializer):
    note = serializers.CharField(
        help_text="What was done or decided; kept with the alert in the patient's record.", trim_whitespace=False
    )


# --- Session review ----------------------------------------------------------------------------------------------


class SideEffectSerializer(serializers.Serializer):
    effect = serializers.CharField()
    severity = serializers.CharField()


class ReviewSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    patient = PatientRefSerializer()
    status = serializers.CharField(help_text="completed or held.")
    when = serializers.DateTimeField(help_text="The pre-dose check, else the time it was scheduled for.")
    session_number = serializers.IntegerField(allow_null=True)
    checked_at = serializers.DateTimeField(allow_null=True)
    systolic = serializers.IntegerField(allow_null=True)
    diastolic = serializers.IntegerField(allow_null=True)
    heart_rate = serializers.IntegerField(allow_null=True)
    remeasured_systolic = serializers.IntegerField(allow_null=True)
    remeasured_diastolic = serializers.IntegerField(allow_null=True)
    remeasured_heart_rate = serializers.IntegerField(allow_null=True)
    pain_before = serializers.IntegerField(allow_null=True)
    gate_failures = serializers.JSONField(help_text='Why a held session was held: [{"code", "message"}].')
    planned_dose_mg = serializers.DecimalField(max_digits=None, decimal_places=1, allow_null=True)
    dose_mg = serializers.DecimalField(max_digits=None, decimal_places=1, allow_null=True)
    route = serializers.CharField()
    taken_at = serializers.DateTimeField(allow_null=True)
    dissociation = serializers.IntegerField(allow_null=True)
    pain_after = serializers.IntegerField(allow_null=True)
    side_effects = SideEffectSerializer(source="side_effects_shown", many=True)
    remarkable = serializers.BooleanField(help_text="Needs an individual sign-off: never signed off in bulk.")
    remarkable_reasons = serializers.ListField(child=serializers.CharField())


class SignOffSerializer(serializers.Serializer):
    """Either one session (`session`, with an optional note written as a signed clinical note on it) or several
    unremarkable ones at once (`sessions`): all of them are signed, or none."""

    session = _id(required=False, help_text="One session to sign off (any awaiting review).")
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_CLINICAL_NOTE, help_text="Only with `session`."
    )
    sessions = serializers.ListField(
        child=_id(),
        required=False,
        allow_empty=False,
        max_length=MAX_BULK,
        help_text="Several unremarkable sessions, signed together or not at all.",
    )

    def validate(self, data):
        if ("session" in data) == ("sessions" in data):
            raise serializers.ValidationError("Send either `session` (one) or `sessions` (several).")
        if "sessions" in data and data.get("note"):
            raise serializers.ValidationError({"note": ["A note goes with one session's sign-off only."]})
        return data


class SessionReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id")
    patient = serializers.IntegerField(source="patient_id")
    reviewed_by = serializers.IntegerField(source="reviewed_by_id")
    reviewed_at = serializers.DateTimeField()
    bulk = serializers.BooleanField()
    note = serializers.IntegerField(source="note_id", allow_null=True, help_text="The signed clinical note, if any.")


class SignedOffSerializer(serializers.Serializer):
    signed = SessionReviewSerializer(many=True)


# --- Clinical notes ----------------------------------------------------------------------------------------------


class NoteAddendumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonRefSerializer()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ClinicalNoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonRefSerializer()
    session = serializers.IntegerField(source="session_id", allow_null=True)
    alert = serializers.IntegerField(source="alert_id", allow_null=True)
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    signed_at = serializers.DateTimeField(allow_null=True, help_text="Null while a draft (its author's alone).")
    addenda = NoteAddendumSerializer(source="addenda.all", many=True)


class ClinicalNoteWriteSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    sign = serializers.BooleanField(default=False, help_text="Sign at once (final); otherwise a draft.")
    session = _id(required=False, allow_null=True, help_text="A session of this patient.")
    alert = _id(required=False, allow_null=True, help_text="An alert about this patient.")


class ClinicalNoteChangeSerializer(serializers.Serializer):
    """The author changes their draft (`text`) and/or signs it (`sign`); a signed note is never changed."""

    text = serializers.CharField(required=False, trim_whitespace=False)
    sign = serializers.BooleanField(default=False)

    def validate(self, data):
        if "text" not in data and not data["sign"]:
            raise serializers.ValidationError("Send the draft's new `text`, or `sign`: true.")
        return data


class NoteAddendumWriteSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)


# --- Treatment plans ---------------------------------------------------------------------------------------------


class TitrationStepSerializer(serializers.Serializer):
    dose_mg = serializers.DecimalField(max_digits=6, decimal_places=1)
    from_session = serializers.IntegerField(required=False)
    from_date = serializers.DateField(required=False)


class PlanVersionWriteSerializer(serializers.Serializer):
    """A new version of the patient's plan, with a reason (or version 1 of a new plan when there is none, or the
    last one is completed). For a revision, the fields left out stay as they are; for a new plan, the safety limits
    left out come from the clinic's settings. The ranges are CLINICAL.md section 2's, checked by the service."""

    reason = serializers.CharField(max_length=500)
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)
    route = serializers.ChoiceField(choices=Route.choices, required=False)
    dose_mg = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    max_single_dose_mg = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    titration = TitrationStepSerializer(many=True, required=False)
    sessions_per_week = serializers.IntegerField(required=False)
    min_hours_between = serializers.IntegerField(required=False)
    systolic_limit = serializers.IntegerField(required=False)
    diastolic_limit = serializers.IntegerField(required=False)
    heart_rate_lower = serializers.IntegerField(required=False)
    heart_rate_upper = serializers.IntegerField(required=False)
    sitter_required = serializers.BooleanField(required=False)
    fasting_hours = serializers.IntegerField(required=False)
    no_driving_hours = serializers.IntegerField(required=False)
    review_date = serializers.DateField(required=False)
    session_weekdays = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="0 = Monday … 6 = Sunday."
    )
    session_time = LocalTimeField(required=False, allow_null=True, help_text="In the patient's own time zone.")
    refill_at_sessions = serializers.IntegerField(required=False)

    def plan_fields(self) -> dict:
        """The fields sent, as the plan services take them (titration steps as the plan page writes them)."""
        fields = {key: value for key, value in self.validated_data.items() if key != "reason"}
        if "titration" in fields:
            fields["titration"] = [
                {key: (str(value) if key == "dose_mg" else value) for key, value in step.items()}
                for step in fields["titration"]
            ]
        return fields


# --- Dispensing --------------------------------------------------------------------------------------------------


class RecordAddendumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonRefSerializer()
    reason = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class DispenseRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dispensed_on = serializers.DateField()
    pharmacy = serializers.CharField()
    units = serializers.IntegerField()
    strength_mg_per_unit = serializers.DecimalField(max_digits=None, decimal_places=1)
    recorded_by = PersonRefSerializer()
    recorded_at = serializers.DateTimeField()
    addenda = RecordAddendumSerializer(source="addenda.all", many=True)


class DispenseWriteSerializer(serializers.Serializer):
    dispensed_on = serializers.DateField()
    pharmacy = serializers.CharField(trim_whitespace=False)
    units = serializers.IntegerField(help_text="Troches, tablets or sprays: the units the pharmacy counted out.")
    strength_mg_per_unit = serializers.DecimalField(max_digits=6, decimal_places=1)


class DispenseRecordedSerializer(serializers.Serializer):
    dispense = DispenseRecordSerializer()
    early_refill = serializers.BooleanField(
        help_text="The units on hand before it would still have lasted more than 7 days: the care team has an alert."
    )


class SupplyCountRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    units_on_hand = serializers.DecimalField(max_digits=None, decimal_places=1)
    expected_units = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True, help_text="What the dispensing log expected then."
    )
    counted_by = PersonRefSerializer()
    counted_at = serializers.DateTimeField()


class SupplyCountWriteSerializer(serializers.Serializer):
    units_on_hand = serializers.DecimalField(max_digits=7, decimal_places=1, help_text="Whole units; a half as 0.5.")


class SupplyCountedSerializer(serializers.Serializer):
    count = SupplyCountRecordSerializer()
    mismatch = serializers.BooleanField(
        help_text="It differs from the expected units by more than 1 unit: the care team has an alert."
    )


# --- Clinic admin: invitations, staff, care teams, audit ---------------------------------------------------------


class InvitationRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField(help_text="patient, physician or clinic_admin.")
    status = serializers.CharField(help_text="pending, accepted, revoked or expired.")
    invited_by = PersonRefSerializer()
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True, help_text="Null until the email went out.")
    expires_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    accepted_user = serializers.IntegerField(source="accepted_user_id", allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class InvitationProfileSerializer(serializers.Serializer):
    """For a patient: date_of_birth (YYYY-MM-DD), time_zone (IANA), primary_condition, phone and physician_ids (the
    care team); for a physician: licence_number, licence_state and board_certification; nothing for a clinic admin.
    Checked by accounts.invitations, which names every problem at once."""

    date_of_birth = serializers.CharField(required=False, allow_blank=True)
    time_zone = serializers.CharField(required=False, allow_blank=True)
    primary_condition = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    physician_ids = serializers.ListField(child=_id(), required=False)
    licence_number = serializers.CharField(required=False, allow_blank=True)
    licence_state = serializers.CharField(required=False, allow_blank=True)
    board_certification = serializers.CharField(required=False, allow_blank=True)


class InvitationWriteSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    full_name = serializers.CharField(max_length=200)
    role = serializers.ChoiceField(
        choices=Role.choices, help_text="patient, physician or clinic_admin (a physician invites patients only)."
    )
    profile = InvitationProfileSerializer(required=False)


class InvitationQuerySerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=[(role, label) for role, label in Role.choices if role != Role.OPERATOR], required=False
    )
    pending = serializers.BooleanField(required=False, help_text="Only invitations that can still be accepted.")


class StaffMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField(help_text="physician or clinic_admin.")
    is_active = serializers.BooleanField()
    has_mfa = serializers.BooleanField(help_text="Whether they have set up two-factor authentication.")
    patient_count = serializers.IntegerField(help_text="Active patients whose care team they are on.")
    physician_id = serializers.SerializerMethodField(help_text="For a physician, the id care teams name them by.")

    def get_physician_id(self, user) -> int | None:
        physician = getattr(user, "physician", None)  # read with the user (clinic_staff); None for an admin
        return physician.pk if physician else None


class StaffQuerySerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=[(Role.PHYSICIAN, Role.PHYSICIAN.label), (Role.CLINIC_ADMIN, Role.CLINIC_ADMIN.label)],
        required=False,
    )
    is_active = serializers.BooleanField(required=False)


class AccountSerializer(serializers.Serializer):
    """A person's account after a change: whether they can sign in."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    is_active = serializers.BooleanField()


class CareTeamChangeSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("assign", "Assign"), ("unassign", "Unassign")])
    physician_id = _id(help_text="The physician's id (`physician_id` in /staff/).")


class AuditQuerySerializer(serializers.Serializer):
    patient = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Part of a patient's name or email."
    )
    actor = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Part of a user's name or email."
    )
    action = serializers.ChoiceField(choices=AuditAction.choices, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, data):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise serializers.ValidationError({"date_to": ["The end date is before the start date."]})
        return data


class AuditEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = PersonRefSerializer(allow_null=True)
    actor_email = serializers.CharField()
    actor_role = serializers.CharField()
    action = serializers.CharField(help_text=_values(AuditAction.choices))
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    patient = PatientRefSerializer(allow_null=True)
    outcome = serializers.CharField(help_text="success, denied or failure.")
    detail = serializers.CharField()
    request_id = serializers.CharField()
    ip = serializers.IPAddressField(allow_null=True)
    user_agent = serializers.CharField()


# --- FHIR --------------------------------------------------------------------------------------------------------


class FhirBundleSerializer(serializers.Serializer):
    """A FHIR R4 Bundle of type `collection` (https://hl7.org/fhir/R4/bundle.html): the patient's record as
    Patient, MedicationRequest, MedicationAdministration, Observation, QuestionnaireResponse and AdverseEvent
    resources, each referenced by its `urn:uuid:` fullUrl."""

    resourceType = serializers.CharField()
    id = serializers.CharField()
    type = serializers.CharField()
    timestamp = serializers.DateTimeField()
    entry = serializers.ListField(child=serializers.DictField())
