"""Writes about treatment. Each service is one transaction, audited inside it, and raises DomainError in plain words."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Clinic, Patient, PatientStatus, Role, User
from anodyne.errors import DomainError
from treatment import eligibility, eligibility_selectors, events, gates, session_selectors
from treatment import refills as refill_services
from treatment import selectors as consent_selectors
from treatment import supply as supply_rules
from treatment.models import (
    Addendum,
    AdverseEvent,
    AdverseEventSeverity,
    ConsentSignature,
    ConsentVersion,
    Dispense,
    PlanStatus,
    PlanVersion,
    Route,
    SafetyHold,
    SessionSideEffect,
    SessionStatus,
    SideEffect,
    SideEffectSeverity,
    SupplyCount,
    TreatmentPlan,
    TreatmentSession,
)


@transaction.atomic
def consent_publish(*, actor: User, clinic: Clinic, text: str) -> ConsentVersion:
    """Publish a new version of a clinic's consent; every patient of the clinic is then asked to sign it.

    The next version number is computed under a lock on the clinic row, so two admins publishing at once get
    versions n and n + 1, never two versions n (the unique constraint would refuse that anyway).
    """
    if not (actor.is_authenticated and actor.is_active and actor.role == Role.CLINIC_ADMIN):
        raise DomainError("Only a clinic admin can publish the consent.", code="forbidden")
    if actor.clinic_id != clinic.pk:
        raise DomainError("You can publish the consent of your own clinic only.", code="forbidden")
    text = text.strip()
    if not text:
        raise DomainError("The consent text cannot be empty.")
    Clinic.objects.select_for_update().get(pk=clinic.pk)
    current = ConsentVersion.objects.filter(clinic=clinic).order_by("-version").first()
    if current and current.text == text:
        raise DomainError(
            f"This is the text of version {current.version} already; change it before publishing a new version."
        )
    version = ConsentVersion.objects.create(
        clinic=clinic, version=(current.version + 1) if current else 1, text=text, published_by=actor
    )
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        clinic=clinic,
        object_type="consent_version",
        object_id=version.pk,
        detail=f"version {version.version}",
    )
    return version


@transaction.atomic
def consent_sign(
    *,
    patient_user: User,
    consent_version: ConsentVersion,
    typed_name: str,
    ip: str | None = None,
    user_agent: str = "",
) -> ConsentSignature:
    """A patient signs their clinic's current consent by typing their full name (case and spacing do not matter).

    Signing a version they already signed returns that signature: a signature is never replaced or added twice.
    `ip` and `user_agent` are the request's, kept with the signature as evidence of how it was given.
    """
    if not (patient_user.is_authenticated and patient_user.is_active and patient_user.role == Role.PATIENT):
        raise DomainError("Only a patient can sign the consent.", code="forbidden")
    patient = Patient.objects.select_related("user").get(user=patient_user)
    # Shares the lock consent_publish takes: a version published while this patient signs is either seen here or
    # published after this signature, never in between.
    Clinic.objects.select_for_update().get(pk=patient.clinic_id)
    current = ConsentVersion.objects.filter(clinic_id=patient.clinic_id).order_by("-version").first()
    if current is None or consent_version.pk != current.pk:
        raise DomainError(
            "This is not your clinic's current consent: a newer version may have been published. "
            "Please read the current version and sign that one.",
            code="not_current",
        )
    existing = ConsentSignature.objects.filter(patient=patient, consent_version=current).first()
    if existing:
        return existing
    if _normalise_name(typed_name) != _normalise_name(patient_user.full_name):
        raise DomainError(
            f"The name you typed does not match the name on your account. Type your full name: "
            f"{patient_user.full_name}.",
            code="name_mismatch",
        )
    signature = ConsentSignature.objects.create(
        patient=patient,
        consent_version=current,
        typed_name=" ".join(typed_name.split())[:200],
        ip=ip,
        user_agent=(user_agent or "")[:300],
    )
    audit.record(
        AuditAction.CREATE,
        actor=patient_user,
        patient=patient,
        object_type="consent_signature",
        object_id=signature.pk,
        detail=f"version {current.version}",
    )
    return signature


def _normalise_name(name: str) -> str:
    return " ".join((name or "").split()).casefold()


# --- Treatment plans -----------------------------------------------------------------------------------------------


def _clinic_defaults(clinic: Clinic) -> dict:
    """A new plan starts from the clinic's safety defaults (clinic settings; ranges in CLINICAL.md section 2)."""
    return {
        "systolic_limit": clinic.systolic_hold,
        "diastolic_limit": clinic.diastolic_hold,
        "heart_rate_lower": clinic.heart_rate_lower,
        "heart_rate_upper": clinic.heart_rate_upper,
        "sitter_required": clinic.sitter_required,
        "fasting_hours": clinic.fasting_hours,
        "no_driving_hours": clinic.no_driving_hours,
    }


def plan_defaults(patient: Patient) -> dict:
    """What the plan form starts from for a patient without a plan: the clinic's safety defaults."""
    return _clinic_defaults(patient.clinic)


def _validate_titration(steps, max_single_dose_mg) -> list[dict]:
    """Each step: a dose (mg, up to the plan's maximum single dose) from a session number or from a date."""
    if not isinstance(steps, list):
        raise DomainError("Titration must be a list of steps.")
    cleaned = []
    for position, step in enumerate(steps, start=1):
        where = f"Titration step {position}"
        if not isinstance(step, dict):
            raise DomainError(f"{where} is not a step.")
        try:
            dose = Decimal(str(step.get("dose_mg")))
        except (InvalidOperation, ValueError):
            raise DomainError(f"{where}: the dose must be a number of mg.") from None
        if not Decimal(1) <= dose <= Decimal(str(max_single_dose_mg)):
            raise DomainError(f"{where}: the dose must be between 1 mg and the maximum single dose.")
        starts = {key for key in ("from_session", "from_date") if step.get(key) not in (None, "")}
        if len(starts) != 1:
            raise DomainError(f"{where}: give either the session number or the date it starts from.")
        if "from_session" in starts:
            session = step["from_session"]
            if isinstance(session, bool) or not isinstance(session, int) or session < 1:
                raise DomainError(f"{where}: the session number must be 1 or more.")
            cleaned.append({"dose_mg": str(dose), "from_session": session})
        else:
            try:
                start = date.fromisoformat(str(step["from_date"]))
            except ValueError:
                raise DomainError(f"{where}: the date must be written YYYY-MM-DD.") from None
            cleaned.append({"dose_mg": str(dose), "from_date": start.isoformat()})
    return cleaned


def _validate_weekdays(weekdays) -> list[int]:
    if not isinstance(weekdays, list | tuple) or any(
        isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6 for day in weekdays
    ):
        raise DomainError("Session days must be weekdays, Monday (0) to Sunday (6).")
    return sorted(set(weekdays))


def _write_version(*, plan: TreatmentPlan, actor: User, reason: str, fields: dict) -> PlanVersion:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why: every plan change needs a reason.")
    unknown = set(fields) - set(PlanVersion.CLINICAL_FIELDS)
    if unknown:
        raise DomainError(f"Unknown plan fields: {', '.join(sorted(unknown))}.")
    last = plan.versions.order_by("-number").first()
    version = PlanVersion(
        plan=plan, number=(last.number + 1) if last else 1, author=actor, reason=reason[:500], **fields
    )
    try:
        version.full_clean(exclude=["plan", "author"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise DomainError(_plain(error)) from error
    if version.max_single_dose_mg < version.dose_mg:
        raise DomainError("The maximum single dose cannot be below the dose per session.")
    version.titration = _validate_titration(version.titration, version.max_single_dose_mg)
    version.session_weekdays = _validate_weekdays(version.session_weekdays)
    if version.status == PlanStatus.ACTIVE and plan.patient.status != PatientStatus.ACTIVE:
        raise DomainError(f"{plan.patient} is {plan.patient.get_status_display().lower()}: the plan cannot be active.")
    if version.status == PlanStatus.ACTIVE and plan.status != PlanStatus.ACTIVE:
        # Activating a plan (created active, revised to active, resumed) needs a cleared patient (CLINICAL.md
        # section 1). A plan already active may still be changed, paused or completed: the pre-dose gate holds every
        # dose while a re-screen waits for its review.
        status = eligibility_selectors.eligibility_status(plan.patient)
        if status != eligibility.CLEARED:
            raise DomainError(eligibility.not_cleared_message(plan.patient, status), code="not_cleared")
    version.save()
    try:
        with transaction.atomic():
            TreatmentPlan.objects.filter(pk=plan.pk).update(current_version=version, status=version.status)
    except IntegrityError:
        raise DomainError(f"{plan.patient} already has an active plan: change that one instead.") from None
    plan.current_version, plan.status = version, version.status
    return version


@transaction.atomic
def plan_create(*, actor: User, patient: Patient, reason: str, **fields) -> TreatmentPlan:
    """A new plan, version 1, active unless said otherwise; unset safety limits come from the clinic's settings."""
    require_care_team_physician(actor, patient.pk, doing="change their treatment plan")
    if TreatmentPlan.objects.filter(patient=patient, status=PlanStatus.ACTIVE).exists():
        raise DomainError(f"{patient} already has an active plan: change that one instead.")
    plan = TreatmentPlan.objects.create(patient=patient, status=PlanStatus.PAUSED)
    _write_version(
        plan=plan,
        actor=actor,
        reason=reason,
        fields={"status": PlanStatus.ACTIVE, **_clinic_defaults(patient.clinic), **fields},
    )
    audit.record(AuditAction.CREATE, actor=actor, object_type="treatment_plan", object_id=plan.pk, patient=patient)
    return plan


@transaction.atomic
def plan_revise(*, actor: User, plan: TreatmentPlan, reason: str, **changes) -> PlanVersion:
    """A new version with the changes and a reason; the old versions stay as they were."""
    plan = (
        TreatmentPlan.objects.select_for_update(of=("self",))
        .select_related("patient__clinic", "current_version")
        .get(pk=plan.pk)
    )
    require_care_team_physician(actor, plan.patient_id, doing="change their treatment plan")
    if plan.status == PlanStatus.COMPLETED:
        raise DomainError("This plan is completed; start a new plan instead.")
    current = plan.current_version
    fields = {name: getattr(current, name) for name in PlanVersion.CLINICAL_FIELDS} | changes
    if all(fields[name] == getattr(current, name) for name in PlanVersion.CLINICAL_FIELDS):
        raise DomainError("Nothing changed: the plan is as it was.")
    version = _write_version(plan=plan, actor=actor, reason=reason, fields=fields)
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="treatment_plan",
        object_id=plan.pk,
        patient=plan.patient,
        detail=f"version {version.number}",
    )
    return version


def plan_save(*, actor: User, patient: Patient, plan: TreatmentPlan | None, reason: str, **fields) -> PlanVersion:
    """What the plan form saves (the page and the API): the next version of `plan` — the patient's current plan, as
    treatment.selectors.plan_for reads it — or a new plan when there is none or it is completed (a completed plan is
    history). Returns the version saved."""
    if plan is not None and plan.status != PlanStatus.COMPLETED:
        return plan_revise(actor=actor, plan=plan, reason=reason, **fields)
    return plan_create(actor=actor, patient=patient, reason=reason, **fields).current_version


def plan_pause(*, actor: User, plan: TreatmentPlan, reason: str) -> PlanVersion:
    return plan_revise(actor=actor, plan=plan, reason=reason, status=PlanStatus.PAUSED)


def plan_resume(*, actor: User, plan: TreatmentPlan, reason: str) -> PlanVersion:
    return plan_revise(actor=actor, plan=plan, reason=reason, status=PlanStatus.ACTIVE)


def plan_complete(*, actor: User, plan: TreatmentPlan, reason: str) -> PlanVersion:
    return plan_revise(actor=actor, plan=plan, reason=reason, status=PlanStatus.COMPLETED)


def _plain(error: ValidationError) -> str:
    return " ".join(
        f"{PlanVersion._meta.get_field(field).verbose_name.capitalize()}: {' '.join(messages)}"
        if field != "__all__"
        else " ".join(messages)
        for field, messages in error.message_dict.items()
    )


# --- Treatment sessions: the pre-dose check behind the gates, then the post-dose entry ------------------------------


@dataclass(frozen=True)
class PreDoseOutcome:
    session: TreatmentSession
    result: gates.GateResult


def _require_patient_self(actor: User, patient: Patient) -> None:
    if not (actor.is_authenticated and actor.role == Role.PATIENT and actor.pk == patient.user_id):
        raise DomainError("Only the patient logs their own session.", code="forbidden")


def _plan_limits(version: PlanVersion | None, plan: TreatmentPlan | None) -> gates.PlanLimits:
    if version is None:
        # No plan: the plan gate holds. The other limits are placeholders that the held result never uses.
        return gates.PlanLimits(
            status="none", review_date=None, dose_mg=Decimal(1), max_single_dose_mg=Decimal(1), titration=(),
            sessions_per_week=1, min_hours_between=4, systolic_limit=160, diastolic_limit=90, heart_rate_lower=50,
            heart_rate_upper=100, sitter_required=True, no_driving_hours=24, fasting_hours=2,
        )  # fmt: skip
    return gates.PlanLimits(
        status=plan.status,
        review_date=version.review_date,
        dose_mg=version.dose_mg,
        max_single_dose_mg=version.max_single_dose_mg,
        titration=gates.titration_from_json(version.titration),
        sessions_per_week=version.sessions_per_week,
        min_hours_between=version.min_hours_between,
        systolic_limit=version.systolic_limit,
        diastolic_limit=version.diastolic_limit,
        heart_rate_lower=version.heart_rate_lower,
        heart_rate_upper=version.heart_rate_upper,
        sitter_required=version.sitter_required,
        no_driving_hours=version.no_driving_hours,
        fasting_hours=version.fasting_hours,
    )


def _patient_for_check(patient: Patient) -> Patient:
    """The patient, locked (one check at a time per patient: the interval and weekly count must see every earlier
    dose), with what the gates need to know of them read in the same query: a session in progress, the current
    consent signed (treatment.selectors), the eligibility status (treatment.eligibility_selectors), an open safety
    hold and the last dose taken."""
    completed = TreatmentSession.objects.filter(patient=OuterRef("pk"), status=SessionStatus.COMPLETED)
    return (
        Patient.objects.select_for_update(of=("self",))
        .select_related("user", "clinic")
        .annotate(
            has_session_in_progress=Exists(
                TreatmentSession.objects.filter(patient=OuterRef("pk"), status=SessionStatus.IN_PROGRESS)
            ),
            has_current_consent=consent_selectors.consent_signed_expression(),
            eligibility_status=eligibility_selectors.eligibility_status_expression(),
            has_open_safety_hold=Exists(SafetyHold.objects.filter(patient=OuterRef("pk"), cleared_at__isnull=True)),
            last_dose_taken_at=Subquery(completed.order_by("-taken_at").values("taken_at")[:1]),
        )
        .get(pk=patient.pk)
    )


def _patient_state(patient: Patient, plan: TreatmentPlan | None, now) -> gates.PatientState:
    """What the gates know of the patient: `patient` as _patient_for_check reads it, `plan` with its doses taken,
    plus this week's doses and the supply on hand."""
    # Doses of the last 8 days cover the current Monday-to-Sunday week in any time zone.
    recent = tuple(
        TreatmentSession.objects.filter(
            patient=patient, status=SessionStatus.COMPLETED, taken_at__gte=now - timedelta(days=8)
        ).values_list("taken_at", flat=True)
    )
    supply = consent_selectors.supply_on_hand(patient)
    return gates.PatientState(
        is_active=patient.status == PatientStatus.ACTIVE and patient.user.is_active,
        has_current_consent=patient.has_current_consent,
        eligibility=patient.eligibility_status,
        has_open_safety_alert=patient.has_open_safety_hold,
        hold_on_open_safety_alert=patient.clinic.hold_on_open_safety_alert,
        time_zone=patient.time_zone,
        last_dose_taken_at=patient.last_dose_taken_at,
        doses_taken_at=recent,
        doses_taken_under_plan=plan.doses_taken if plan else 0,
        # Nothing dispensed: None, and the supply gate passes with a note (treatment.gates explains why).
        units_on_hand=supply.expected_units if supply else None,
        strength_mg_per_unit=supply.strength_mg_per_unit if supply else None,
    )


@transaction.atomic
def session_check_before_dose(*, actor: User, patient: Patient, check: gates.PreDoseCheck) -> PreDoseOutcome:
    """The pre-dose check. Every gate is evaluated (treatment.gates); the session is recorded in progress when all
    pass, or held with every reason, in which case the care team hears of it (treatment.events)."""
    _require_patient_self(actor, patient)
    patient = _patient_for_check(patient)
    if patient.has_session_in_progress:
        raise DomainError("You have a session in progress: log what you took before starting another.")
    plan = session_selectors.plan_in_force(patient=patient, with_doses_taken=True)
    version = plan.current_version if plan else None
    # The gates are evaluated at the time of the check: the page's now, or the time a mobile client gives for a check
    # made offline (issue 9), which may not be in the future nor more than 7 days ago.
    now = check.checked_at
    try:
        gates.validate_record_time(now, timezone.now(), what=gates.CHECK_TIME)
        result = gates.evaluate(
            _plan_limits(version, plan),
            _patient_state(patient, plan, now),
            check,
            now=now,
        )
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    failures = list(result.failures)
    if plan is None:
        failures = [f for f in failures if f.code in {"patient_inactive", "consent", "eligibility"}] + [
            gates.GateFailure("plan_inactive", "You have no treatment plan yet. " + gates.DO_NOT_DOSE)
        ]
    # A check within the window of a scheduled session is that session (see _session_checked, scheduling below).
    session = _session_checked(
        now=now,
        patient=patient,
        plan=plan,
        plan_version=version,
        status=SessionStatus.HELD if failures else SessionStatus.IN_PROGRESS,
        checked_at=check.checked_at,
        sitter_present=check.sitter_present,
        sitter_name=check.sitter_name.strip()[:200],
        sitter_phone=gates.normalise_phone(check.sitter_phone)[:32],
        no_driving=check.no_driving,
        fasted=check.fasted,
        no_alcohol_or_sedatives=check.no_alcohol_or_sedatives,
        safe_setting=check.safe_setting,
        systolic=check.systolic,
        diastolic=check.diastolic,
        heart_rate=check.heart_rate,
        remeasured_systolic=check.remeasured_systolic,
        remeasured_diastolic=check.remeasured_diastolic,
        remeasured_heart_rate=check.remeasured_heart_rate,
        pain_before=check.pain_now,
        gate_failures=[{"code": f.code, "message": f.message} for f in failures],
        gate_notes=[{"code": n.code, "message": n.message} for n in result.notes],
        session_number=result.session_number,
        planned_dose_mg=result.planned_dose_mg if plan else None,
        severe_hypertension=result.severe_hypertension,
    )
    audit.record(
        AuditAction.CREATE, actor=actor, object_type="treatment_session", object_id=session.pk, patient=patient
    )
    if failures:
        events.session_held.send(
            sender=TreatmentSession,
            patient=patient,
            session_id=session.pk,
            reasons=[f.code for f in failures],
            severe_hypertension=result.severe_hypertension,
        )
    if result.blood_pressure_severity:
        events.blood_pressure_beyond_limit.send(
            sender=TreatmentSession,
            patient=patient,
            session_id=session.pk,
            systolic=result.readings.systolic,
            diastolic=result.readings.diastolic,
            moment="pre_dose",
            severity=result.blood_pressure_severity,
        )
    return PreDoseOutcome(session=session, result=result)


@transaction.atomic
def session_log_dose(
    *,
    actor: User,
    session: TreatmentSession,
    dose_mg: Decimal,
    route: str,
    taken_at,
    dissociation: int,
    pain_after: int,
    side_effects: dict[str, str] | None = None,
    post_systolic: int | None = None,
    post_diastolic: int | None = None,
    post_heart_rate: int | None = None,
    notes: str = "",
) -> TreatmentSession:
    """The post-dose entry: the dose is recorded as the patient reports it (the record must be true); a dose above
    the plan's maximum or a blood pressure beyond its limits is reported to the care team (treatment.events)."""
    session = (
        TreatmentSession.objects.select_for_update(of=("self",))
        .select_related("patient__user", "patient__clinic", "plan", "plan_version")
        .get(pk=session.pk)
    )
    _require_patient_self(actor, session.patient)
    if session.status != SessionStatus.IN_PROGRESS:
        raise DomainError(f"This session is {session.get_status_display().lower()}: it takes no dose entry.")
    if route not in Route.values:
        raise DomainError("Choose how you took the dose.")
    side_effects = side_effects or {}
    for effect, severity in side_effects.items():
        if effect not in SideEffect.values or severity not in SideEffectSeverity.values:
            raise DomainError("Choose each side effect's severity from the list.")
    limits = _plan_limits(session.plan_version, session.plan)
    try:
        gates.validate_time_taken(taken_at, session.checked_at, timezone.now())
        gates.validate_record_time(taken_at, timezone.now(), what="The time you took the dose")
        gates.validate_scale("Pain after the dose", pain_after)
        if post_heart_rate is not None and post_systolic is None:
            raise ValidationError("Enter the blood pressure after the dose with the heart rate, or neither.")
        if post_systolic is not None and post_diastolic is not None:
            gates.validate_vitals(post_systolic, post_diastolic, post_heart_rate)
        findings = gates.post_dose_findings(
            limits,
            dose_taken_mg=Decimal(str(dose_mg)),
            planned_dose_mg=session.planned_dose_mg or limits.dose_mg,
            dissociation=dissociation,
            systolic=post_systolic,
            diastolic=post_diastolic,
        )
    except (ValidationError, InvalidOperation) as error:
        messages = error.messages if isinstance(error, ValidationError) else ["The dose must be a number of mg."]
        raise DomainError(" ".join(messages)) from error
    now = timezone.now()
    entry = {
        "status": SessionStatus.COMPLETED,
        "dose_mg": Decimal(str(dose_mg)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),  # the column's 1 place
        "route": route,
        "taken_at": taken_at,
        "dissociation": dissociation,
        "pain_after": pain_after,
        "post_systolic": post_systolic,
        "post_diastolic": post_diastolic,
        "post_heart_rate": post_heart_rate,
        "notes": notes.strip(),
        "completed_at": now,
        "post_dose_findings": [{"code": f.code, "message": f.message} for f in findings.findings],
        "needs_review": findings.needs_physician_review,
    }
    changed = TreatmentSession.objects.filter(pk=session.pk, status=SessionStatus.IN_PROGRESS).update(**entry)
    if changed != 1:
        raise DomainError("This session was already completed.")
    SessionSideEffect.objects.bulk_create(
        SessionSideEffect(session=session, effect=effect, severity=severity)
        for effect, severity in side_effects.items()
    )
    for name, value in entry.items():  # the row is what was written (the session is locked): no read back
        setattr(session, name, value)
    audit.record(
        AuditAction.UPDATE, actor=actor, object_type="treatment_session", object_id=session.pk, patient=session.patient
    )
    for finding in findings.findings:
        if finding.code == "dose_above_maximum":
            events.dose_above_plan.send(
                sender=TreatmentSession,
                patient=session.patient,
                session_id=session.pk,
                dose_mg=session.dose_mg,
                maximum_mg=limits.max_single_dose_mg,
            )
        elif finding.code == "blood_pressure":
            events.blood_pressure_beyond_limit.send(
                sender=TreatmentSession,
                patient=session.patient,
                session_id=session.pk,
                systolic=post_systolic,
                diastolic=post_diastolic,
                moment="post_dose",
                severity=finding.alert_severity,
            )
    events.session_completed.send(
        sender=TreatmentSession, patient=session.patient, session_id=session.pk, completed_at=now
    )
    return session


def safety_hold_open(*, patient: Patient, cause: str) -> SafetyHold:
    """Hold every dose until the cause is cleared (called by monitoring for open critical safety alerts)."""
    hold, _ = SafetyHold.objects.get_or_create(patient=patient, cause=cause, cleared_at=None)
    return hold


def safety_hold_clear(*, patient: Patient, cause: str) -> int:
    """Clear the hold of a resolved safety alert; returns how many holds were cleared (0 or 1)."""
    return SafetyHold.objects.filter(patient=patient, cause=cause, cleared_at__isnull=True).update(
        cleared_at=timezone.now()
    )


# --- Adverse events and addenda: clinical records are never changed, a correction is an addendum ------------------

MAX_ADVERSE_EVENT_DESCRIPTION = 5000
MAX_ADDENDUM_REASON = Addendum._meta.get_field("reason").max_length
MAX_ADDENDUM_TEXT = 5000


def _on_care_team(actor: User, patient: Patient) -> bool:
    return (
        actor.is_authenticated
        and actor.is_active
        and actor.role == Role.PHYSICIAN
        and Patient.objects.visible_to(actor).filter(pk=patient.pk).exists()
    )


def _is_the_patient(actor: User, patient: Patient) -> bool:
    return actor.is_authenticated and actor.is_active and actor.role == Role.PATIENT and actor.pk == patient.user_id


@transaction.atomic
def adverse_event_report(
    *,
    actor: User,
    patient: Patient,
    description: str,
    started_at,
    severity: str,
    ongoing: bool = True,
    session: TreatmentSession | None = None,
) -> AdverseEvent:
    """The patient reports an adverse event, or a physician on their care team records one for them.

    Graded after CTCAE v5 (CLINICAL.md section 2, "Adverse events"). The care team hears of it at once
    (treatment.events.adverse_event_reported): monitoring raises the alert, and a severe or life-threatening one is
    critical and holds every further dose until a physician resolves it.
    """
    if not (_is_the_patient(actor, patient) or _on_care_team(actor, patient)):
        raise DomainError(
            "Only the patient, or a physician on their care team, can report an adverse event.", code="forbidden"
        )
    description = (description or "").strip()
    if not description:
        raise DomainError("Say what happened.")
    if len(description) > MAX_ADVERSE_EVENT_DESCRIPTION:
        raise DomainError(f"Keep what happened to {MAX_ADVERSE_EVENT_DESCRIPTION} characters.")
    if severity not in AdverseEventSeverity.values:
        raise DomainError("Choose how severe it is from the list.")
    if started_at is None:
        raise DomainError("Say when it started.")
    if timezone.is_naive(started_at):
        raise ValueError("started_at must be an aware datetime.")
    now = timezone.now()
    if started_at > now:
        raise DomainError("When it started cannot be in the future.")
    if session is not None and session.patient_id != patient.pk:
        raise DomainError("That session is not one of this patient's sessions.")
    adverse_event = AdverseEvent.objects.create(
        patient=patient,
        session=session,
        reported_by=actor,
        description=description,
        started_at=started_at,
        severity=severity,
        ongoing=bool(ongoing),
        reported_at=now,
    )
    # The description is health information: it stays on the record, never in the audit row.
    audit.record(
        AuditAction.CREATE, actor=actor, object_type="adverse_event", object_id=adverse_event.pk, patient=patient
    )
    events.adverse_event_reported.send(
        sender=AdverseEvent, patient=patient, adverse_event_id=adverse_event.pk, severity=severity
    )
    return adverse_event


def _addendum_target(record) -> tuple[str, str, dict]:
    """(record type, audit object type, the Addendum field naming the record) for a record that takes addenda."""
    if isinstance(record, TreatmentSession):
        return Addendum.RecordType.SESSION, "treatment_session", {"session": record}
    if isinstance(record, AdverseEvent):
        return Addendum.RecordType.ADVERSE_EVENT, "adverse_event", {"adverse_event": record}
    if isinstance(record, Dispense):
        return Addendum.RecordType.DISPENSE, "dispense", {"dispense": record}
    raise DomainError("Only a completed session, an adverse event or a dispense takes an addendum.")


def _may_add_addendum(actor: User, record_type: str, patient: Patient) -> bool:
    """The patient to their own session or adverse event; a physician on the care team to any of the three; a clinic
    admin of the patient's clinic to a dispense (dispenses are recorded by physicians and clinic admins)."""
    if _is_the_patient(actor, patient):
        return record_type in (Addendum.RecordType.SESSION, Addendum.RecordType.ADVERSE_EVENT)
    if _on_care_team(actor, patient):
        return True
    if actor.is_authenticated and actor.is_active and actor.role == Role.CLINIC_ADMIN:
        return record_type == Addendum.RecordType.DISPENSE and actor.clinic_id == patient.clinic_id
    return False


@transaction.atomic
def addendum_add(*, actor: User, record, reason: str, text: str) -> Addendum:
    """A correction or addition to a record that is never changed itself, shown beside it with its author and reason.

    The record stays exactly as it was (the database refuses to change it: treatment migration 0005).
    """
    record_type, object_type, target = _addendum_target(record)
    record = type(record).objects.select_related("patient").get(pk=record.pk)
    target = {name: record for name in target}
    patient = record.patient
    if not _may_add_addendum(actor, record_type, patient):
        raise DomainError("You cannot add an addendum to this record.", code="forbidden")
    if record_type == Addendum.RecordType.SESSION and record.status != SessionStatus.COMPLETED:
        raise DomainError(
            f"This session is {record.get_status_display().lower()}: only a completed session takes an addendum."
        )
    reason, text = (reason or "").strip(), (text or "").strip()
    if not reason:
        raise DomainError("Say why you are adding to this record.")
    if len(reason) > MAX_ADDENDUM_REASON:
        raise DomainError(f"Keep the reason to {MAX_ADDENDUM_REASON} characters.")
    if not text:
        raise DomainError("Write the addendum.")
    if len(text) > MAX_ADDENDUM_TEXT:
        raise DomainError(f"Keep the addendum to {MAX_ADDENDUM_TEXT} characters.")
    addendum = Addendum.objects.create(
        patient=patient, record_type=record_type, author=actor, reason=reason, text=text, **target
    )
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type=object_type,
        object_id=record.pk,
        patient=patient,
        detail="addendum",
    )
    return addendum


# --- Dispensing (CLINICAL.md section 2, "Dispensing"; ketamine is Schedule III in the US) ---------------------------
# The arithmetic is treatment.supply; the expected supply is read by treatment.selectors.supply_on_hand.

MAX_DISPENSE_UNITS = 10_000
MAX_STRENGTH_MG = Decimal("1000")
MAX_COUNT_UNITS = Decimal("10000")


@dataclass(frozen=True)
class DispenseOutcome:
    dispense: Dispense
    early_refill: bool  # the units on hand before it would still have lasted more than 7 days


@dataclass(frozen=True)
class CountOutcome:
    count: SupplyCount
    mismatch: bool  # differs from the expected units by more than 1 unit


def _may_record_dispense(actor: User, patient: Patient) -> bool:
    """A physician on the patient's care team, or a clinic admin of the patient's clinic (Patient.visible_to)."""
    return (
        actor.is_authenticated
        and actor.is_active
        and actor.role in (Role.PHYSICIAN, Role.CLINIC_ADMIN)
        and Patient.objects.visible_to(actor).filter(pk=patient.pk).exists()
    )


@transaction.atomic
def dispense_record(
    *, actor: User, patient: Patient, dispensed_on: date, pharmacy: str, units: int, strength_mg_per_unit
) -> DispenseOutcome:
    """Record what a pharmacy dispensed. A dispense while the units on hand would still last more than 7 days at the
    plan's dose and sessions per week is an early refill, and the care team hears of it (treatment.events)."""
    if not _may_record_dispense(actor, patient):
        raise DomainError(
            "Only a physician on the patient's care team or a clinic admin can record a dispense.", code="forbidden"
        )
    pharmacy = " ".join((pharmacy or "").split())
    if not pharmacy:
        raise DomainError("Name the pharmacy that dispensed it.")
    if len(pharmacy) > 200:
        raise DomainError("Keep the pharmacy's name to 200 characters.")
    if isinstance(units, bool) or not isinstance(units, int) or not 1 <= units <= MAX_DISPENSE_UNITS:
        raise DomainError(f"The quantity is a whole number of units, from 1 to {MAX_DISPENSE_UNITS}.")
    try:
        strength = Decimal(str(strength_mg_per_unit))
    except (InvalidOperation, ValueError):
        raise DomainError("The strength must be a number of mg per unit.") from None
    if (
        not strength.is_finite()
        or not Decimal(0) < strength <= MAX_STRENGTH_MG
        or strength != strength.quantize(Decimal("0.1"))
    ):
        raise DomainError("The strength is mg per unit, above 0 and up to 1000, with at most one decimal.")
    if not isinstance(dispensed_on, date) or isinstance(dispensed_on, datetime):
        raise DomainError("Give the day it was dispensed.")
    if dispensed_on > timezone.now().astimezone(ZoneInfo(patient.time_zone)).date():
        raise DomainError("The day it was dispensed cannot be in the future.")
    # Serialises with pre-dose checks and counts: the supply seen here is the one the gate sees.
    patient = Patient.objects.select_for_update(of=("self",)).select_related("clinic").get(pk=patient.pk)
    # The supply just before this dispense against the active plan: the same early-refill rule a refill request is
    # judged by (treatment.selectors.RefillPosition.early, treatment.supply.is_early_refill).
    early = consent_selectors.refill_position(patient).early
    dispense = Dispense.objects.create(
        patient=patient,
        recorded_by=actor,
        dispensed_on=dispensed_on,
        pharmacy=pharmacy,
        units=units,
        strength_mg_per_unit=strength,
    )
    audit.record(AuditAction.CREATE, actor=actor, object_type="dispense", object_id=dispense.pk, patient=patient)
    # The patient's approved refill request, if any, is fulfilled by this dispense (issue 10).
    refill_services.refill_fulfil(actor=actor, patient=patient, dispense=dispense)
    if early:
        events.dispense_mismatch.send(sender=Dispense, patient=patient, dispense_id=dispense.pk, reason="early_refill")
    return DispenseOutcome(dispense=dispense, early_refill=early)


@transaction.atomic
def supply_count_record(*, actor: User, patient: Patient, units_on_hand) -> CountOutcome:
    """The patient (or a physician on their care team) counts the units on hand. The expected units at that moment
    are kept with the count; a count more than 1 unit off is reported to the care team (treatment.events).

    The comparison uses the expectation as stored and shown (two decimals), so the page and the alert agree."""
    is_patient = actor.is_authenticated and actor.role == Role.PATIENT and actor.pk == patient.user_id
    on_care_team = (
        actor.is_authenticated
        and actor.role == Role.PHYSICIAN
        and Patient.objects.visible_to(actor).filter(pk=patient.pk).exists()
    )
    if not (actor.is_active and (is_patient or on_care_team)):
        raise DomainError(
            "Only the patient or a physician on their care team can count their supply.", code="forbidden"
        )
    try:
        reported = Decimal(str(units_on_hand))
    except (InvalidOperation, ValueError):
        raise DomainError("The count must be a number of units.") from None
    if not reported.is_finite() or not Decimal(0) <= reported <= MAX_COUNT_UNITS:
        raise DomainError(f"The count is a number of units from 0 to {MAX_COUNT_UNITS}.")
    if reported != reported.quantize(Decimal("0.1")):
        raise DomainError("Count whole units, or halves as 0.5.")
    patient = Patient.objects.select_for_update(of=("self",)).get(pk=patient.pk)
    supply = consent_selectors.supply_on_hand(patient)
    expected = supply.expected_units_rounded if supply else None
    count = SupplyCount.objects.create(
        patient=patient, counted_by=actor, units_on_hand=reported, expected_units=expected
    )
    audit.record(AuditAction.CREATE, actor=actor, object_type="supply_count", object_id=count.pk, patient=patient)
    mismatch = expected is not None and supply_rules.count_mismatches(expected_units=expected, reported_units=reported)
    if mismatch:
        events.dispense_mismatch.send(
            sender=SupplyCount,
            patient=patient,
            dispense_id=supply.latest_dispense_id,
            supply_count_id=count.pk,
            reason="count_mismatch",
            expected_units=expected,
            reported_units=reported,
        )
    return CountOutcome(count=count, mismatch=mismatch)


# --- Scheduled sessions: from the plan's days and time, in the patient's time zone ---------------------------------
# A scheduled session's window is 12 hours either side of its time: a pre-dose check within it is that session
# (session_check_before_dose), and once it has passed with no check the session is missed. A session in progress
# (checked, no dose logged) becomes incomplete 24 hours after its check.

SCHEDULE_WINDOW = timedelta(hours=12)
INCOMPLETE_AFTER = timedelta(hours=24)


def _session_checked(*, now, patient: Patient, **fields) -> TreatmentSession:
    """The checked session: the scheduled one whose window holds `now` (the nearest, locked), or a new row."""
    scheduled = (
        TreatmentSession.objects.select_for_update(of=("self",))
        .filter(
            patient=patient,
            status=SessionStatus.SCHEDULED,
            scheduled_for__gte=now - SCHEDULE_WINDOW,
            scheduled_for__lte=now + SCHEDULE_WINDOW,
        )
        .values_list("pk", "scheduled_for")
    )
    nearest = min(scheduled, key=lambda row: abs(row[1] - now), default=None)
    if nearest is not None:
        changed = TreatmentSession.objects.filter(pk=nearest[0], status=SessionStatus.SCHEDULED).update(**fields)
        if changed == 1:
            return TreatmentSession.objects.get(pk=nearest[0])
    return TreatmentSession.objects.create(patient=patient, **fields)


def _schedule_times(version: PlanVersion | None, zone: ZoneInfo, now, days_ahead: int) -> set:
    """Each chosen weekday's session time from today to `days_ahead` days on, local wall-clock time (18:00 stays
    18:00 across a DST change), as UTC instants after `now`. A time that does not exist on a spring-forward day
    (02:30) is taken with the offset before the change, i.e. an hour later on the clock."""
    if version is None or not version.session_weekdays or version.session_time is None:
        return set()
    today = now.astimezone(zone).date()
    times = set()
    for offset in range(days_ahead + 1):
        day = today + timedelta(days=offset)
        if day.weekday() in version.session_weekdays:
            at = datetime.combine(day, version.session_time, tzinfo=zone).astimezone(UTC)
            if at > now:
                times.add(at)
    return times


def session_schedule_upcoming(*, patient: Patient, now, days_ahead: int = 14) -> int:
    """Scheduled sessions for the next `days_ahead` days from the active plan; returns how many were added.

    Idempotent: a time already scheduled is skipped (and the database refuses two live sessions of a patient at the
    same time). Future scheduled sessions that the plan no longer asks for — another day or time, a paused or
    completed plan, a patient no longer active — are cancelled, never deleted. One patient's run of the beat tick's
    sessions_schedule_all: one implementation of the rule.
    """
    return sessions_schedule_all(now=now, patient_ids=[patient.pk], days_ahead=days_ahead)


def sessions_schedule_all(*, now, patient_ids, days_ahead: int = 14) -> int:
    """session_schedule_upcoming's rule for many patients at once (the beat tick), in a constant number of queries
    per batch — the patients with their active plan's version, their future
    sessions, one insert, one update, one batch of audit rows. Returns how many were added."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    patients = list(Patient.objects.filter(pk__in=patient_ids).select_related("user").order_by("pk"))
    versions = {
        plan.patient_id: plan.current_version
        for plan in TreatmentPlan.objects.filter(patient__in=patients, status=PlanStatus.ACTIVE).select_related(
            "current_version"
        )
    }
    future = defaultdict(dict)  # patient id -> {scheduled_for: (session id, status)}
    for pk, patient_id, at, status in (
        TreatmentSession.objects.filter(patient__in=patients, scheduled_for__gt=now)
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("pk", "patient_id", "scheduled_for", "status")
    ):
        future[patient_id][at] = (pk, status)
    new_sessions, stale_ids, changed = [], [], {}
    for patient in patients:
        active = patient.status == PatientStatus.ACTIVE and patient.user.is_active
        version = versions.get(patient.pk) if active else None
        zone = ZoneInfo(patient.time_zone)
        wanted = _schedule_times(version, zone, now, days_ahead)
        taken = future[patient.pk]
        new = sorted(wanted - set(taken))
        new_sessions.extend(
            TreatmentSession(
                patient=patient,
                plan_id=version.plan_id if version else None,
                plan_version=version,
                status=SessionStatus.SCHEDULED,
                scheduled_for=at,
                created_at=now,
            )
            for at in new
        )
        # Up to the end of the last day looked at; beyond it, a later run decides.
        horizon = None
        if version is not None:
            last_day = now.astimezone(zone).date() + timedelta(days=days_ahead + 1)
            horizon = datetime.combine(last_day, datetime.min.time(), tzinfo=zone)
        stale = [
            pk
            for at, (pk, status) in taken.items()
            if status == SessionStatus.SCHEDULED and at not in wanted and (horizon is None or at < horizon)
        ]
        stale_ids.extend(stale)
        if new or stale:
            changed[patient.pk] = (patient, len(new), len(stale))
    with transaction.atomic():
        TreatmentSession.objects.bulk_create(new_sessions, ignore_conflicts=True)
        TreatmentSession.objects.filter(pk__in=stale_ids, status=SessionStatus.SCHEDULED).update(
            status=SessionStatus.CANCELLED
        )
        audit.record_many(
            audit.event(
                AuditAction.CREATE if added else AuditAction.UPDATE,
                object_type="treatment_session",
                patient=patient,
                detail=f"scheduled {added}, cancelled {cancelled}",
            )
            for patient, added, cancelled in changed.values()
        )
    return len(new_sessions)


@dataclass(frozen=True)
class MarkResult:
    missed: int
    incomplete: int
    missed_alerts: int  # patients whose two most recent scheduled sessions were both missed


@transaction.atomic
def session_mark_missed_and_incomplete(*, now) -> MarkResult:
    """A scheduled session whose window passed with no check is missed; a session in progress whose dose was not
    logged within 24 hours of its check is incomplete. Safe to run twice (only rows still in the old state move).
    When a patient's two most recent scheduled sessions are both missed, the care team hears of it once
    (treatment.events.sessions_missed)."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    # Rows a pre-dose check holds right now are skipped: that check decides them.
    missed = list(
        TreatmentSession.objects.select_for_update(skip_locked=True)
        .filter(status=SessionStatus.SCHEDULED, scheduled_for__lt=now - SCHEDULE_WINDOW)
        .values_list("pk", "patient_id")
    )
    TreatmentSession.objects.filter(pk__in=[pk for pk, _ in missed], status=SessionStatus.SCHEDULED).update(
        status=SessionStatus.MISSED
    )
    incomplete = list(
        TreatmentSession.objects.select_for_update(skip_locked=True)
        .filter(status=SessionStatus.IN_PROGRESS, checked_at__lt=now - INCOMPLETE_AFTER)
        .values_list("pk", "patient_id")
    )
    TreatmentSession.objects.filter(pk__in=[pk for pk, _ in incomplete], status=SessionStatus.IN_PROGRESS).update(
        status=SessionStatus.INCOMPLETE
    )
    patients = Patient.objects.in_bulk({patient_id for _, patient_id in missed + incomplete})
    audit.record_many(
        [
            audit.event(
                AuditAction.UPDATE,
                object_type="treatment_session",
                object_id=pk,
                patient=patients[patient_id],
                detail=status,
            )
            for rows, status in ((missed, SessionStatus.MISSED), (incomplete, SessionStatus.INCOMPLETE))
            for pk, patient_id in rows
        ]
    )
    alerts = 0
    for patient_id in sorted({patient_id for _, patient_id in missed}):
        last_two = list(
            TreatmentSession.objects.filter(patient_id=patient_id, scheduled_for__lte=now)
            .exclude(status__in=[SessionStatus.SCHEDULED, SessionStatus.CANCELLED])
            .order_by("-scheduled_for", "-pk")
            .values_list("pk", "status")[:2]
        )
        if len(last_two) == 2 and all(status == SessionStatus.MISSED for _, status in last_two):
            alerts += 1
            events.sessions_missed.send(
                sender=TreatmentSession, patient=patients[patient_id], session_ids=[pk for pk, _ in last_two]
            )
    return MarkResult(missed=len(missed), incomplete=len(incomplete), missed_alerts=alerts)
