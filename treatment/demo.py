"""Treatment history for a demo clinic: consent, a plan per patient and D days of plausible sessions.

The past cannot be written through treatment.services: services stamp the present and check each step against the
state of the moment, so the history — consent signatures, plans, sessions, side effects, the occasional adverse
event, dispenses — is inserted in bulk as rows dated in the past, with the rows the services would have written
(`services.plan_defaults` for the clinic's safety limits, the audit rows of the consent signature and the plan).
Patients are written in batches (`history_batches`) and the past costs a constant number of queries a batch, so
the treatment history of 1,000 patients over 180 days takes seconds rather than the minutes of one service call a
row. What the care team must hear about is recent: held sessions and adverse events of the last ALERT_WINDOW are
announced through treatment.events as the services do, one by one, so their alerts are real; and the coming two
weeks are scheduled by `services.sessions_schedule_all`, the beat's own service.

Deterministic: the same patients get the same history on every machine (a random generator seeded by the
patient's email; the course of their pain by their position in the clinic, `Course`). Demo data only: doses, pains
and readings are made up, not a dosing example.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts import audit
from accounts.demo import DEMO_CLINIC_SLUG
from accounts.models import AuditAction, CareTeamMembership, Clinic, Patient, Role, User
from treatment import events, gates, services
from treatment.models import (
    AdverseEvent,
    AdverseEventSeverity,
    ConsentSignature,
    ConsentVersion,
    Dispense,
    EligibilityItem,
    EligibilityScreen,
    EligibilityStatus,
    PlanStatus,
    PlanVersion,
    SessionSideEffect,
    SessionStatus,
    SideEffect,
    SideEffectSeverity,
    TreatmentPlan,
    TreatmentSession,
)

CONSENT_TEXT = """I agree to take ketamine at home as my treatment plan says, only after the pre-dose check in Anodyne
allows it.

An adult stays with me during every session. I do not drive for the hours my plan says. I do not drink alcohol or
take sedatives on a treatment day.

I report side effects and anything that worries me to my care team, and I call the emergency number in an
emergency."""

DOSE_MG = Decimal(50)
STRENGTH_MG = Decimal(25)  # troches of 25 mg: two a session
# Four weeks of two sessions a week. The pharmacy refills when fewer units than one dose are left, so a refill is
# never early (treatment.supply: more than 7 days of supply on hand).
REFILL_UNITS = 16
PHARMACY = "Sunrise Compounding Pharmacy"
# The named sitter's phone, which the pre-dose check asks for when the plan requires a sitter (issue 10).
SITTER_PHONE = "+1 555 0199"
# Held sessions and adverse events this recent raise their alerts now, as the services would have; older ones were
# dealt with (monitoring.demo writes their resolved alerts and the physician's review).
ALERT_WINDOW = timedelta(days=14)
# A session of the last three hours may still be under way: the history stops before it.
RECENT_ENOUGH = timedelta(hours=3)
AHEAD = timedelta(days=14)
CONSENT_BEFORE = timedelta(days=7)  # the clinic published its consent a week before the first patient started
BATCH_SIZE = 200
INSERT_BATCH = 2000

# The course of a demo patient's pain, by their position in the clinic: two in three respond — their pain eases
# towards 35-60 % below baseline, most of it in the first two months (so most are IMMPACT responders at week 12,
# fewer at week 4) — the others improve by 15 % at most, and one in twelve gets worse over the last five weeks.
RESPONDER, NON_RESPONDER, WORSENING = "responder", "non_responder", "worsening"
RESPONSE_DAYS = 35  # the time constant of the improvement: 55 % of it by day 28, 91 % by day 84
WORSENING_DAYS = 35
WORSENING_POINTS = 3.5


@dataclass(frozen=True)
class Course:
    """How a demo patient's pain goes; shared by their sessions and (monitoring.demo) their surveys."""

    index: int  # position in the clinic, by email
    baseline: int  # 0-10 at intake
    kind: str
    depth: float  # the share of the baseline the pain eases by in the long run

    @classmethod
    def of(cls, index: int, rng: random.Random) -> "Course":
        kind = WORSENING if index % 12 == 5 else NON_RESPONDER if index % 3 == 2 else RESPONDER
        baseline = rng.choice([6, 7, 7, 8])
        depth = rng.uniform(0.35, 0.6) if kind == RESPONDER else rng.uniform(0, 0.15)
        if kind == WORSENING:
            baseline, depth = min(baseline, 7), 0.0  # room to get 30 % worse on a 0-10 scale
        return cls(index=index, baseline=baseline, kind=kind, depth=depth)

    def improvement(self, day: float) -> float:
        """The share of the baseline the pain has eased by, `day` days in (0 at intake)."""
        return self.depth * (1 - math.exp(-max(0.0, day) / RESPONSE_DAYS))

    def pain(self, day: float, days: int) -> float:
        """Expected pain (0-10, unrounded) `day` days into a history of `days` days."""
        pain = self.baseline * (1 - self.improvement(day))
        if self.kind == WORSENING:
            pain += WORSENING_POINTS * min(1, max(0, day - (days - WORSENING_DAYS)) / WORSENING_DAYS)
        return min(10.0, max(0.0, pain))


@dataclass
class PatientHistory:
    """One patient's freshly written history, for the oversight records monitoring.demo adds."""

    patient: Patient
    physician: User  # the first physician of the care team: the plan's author and the reviewer
    course: Course
    days: int
    started: datetime  # consent, intake and plan
    plan: TreatmentPlan
    sessions: list[TreatmentSession] = field(default_factory=list)  # saved, oldest first; not the upcoming ones
    side_effects: list[SessionSideEffect] = field(default_factory=list)
    adverse_events: list[AdverseEvent] = field(default_factory=list)
    dispenses: list[Dispense] = field(default_factory=list)

    def day_of(self, moment: datetime) -> float:
        """Days since the history started (the course's clock)."""
        return (moment - self.started).total_seconds() / 86400


def history_batches(
    *, days: int, clinic: Clinic | None = None, now: datetime | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[list[PatientHistory]]:
    """Write the history of every patient of the clinic (the demo's by default) who has no plan yet, batch by
    batch, yielding each batch once it is written — lazily: iterate to write them all (monitoring.demo.seed does,
    adding each batch's oversight records).

    Every patient signs the clinic's consent if they have not; a patient who already has a plan keeps their history.
    """
    clinic = clinic or Clinic.objects.get(slug=DEMO_CLINIC_SLUG)
    now = now or timezone.now()
    started = now - timedelta(days=days + 1)
    consent = _consent(clinic, published_at=started - CONSENT_BEFORE)
    physician_users = {u.pk: u for u in User.objects.filter(clinic=clinic, role=Role.PHYSICIAN)}
    patients = list(
        Patient.objects.filter(clinic=clinic)
        .select_related("user", "clinic")
        .prefetch_related("care_team_memberships__physician")
        .annotate(
            has_plan=Exists(TreatmentPlan.objects.filter(patient=OuterRef("pk"))),
            has_signed=Exists(ConsentSignature.objects.filter(patient=OuterRef("pk"), consent_version=consent)),
        )
        .order_by("user__email")
    )
    todo = []
    for index, patient in enumerate(patients):
        if patient.has_plan:
            if not patient.has_signed:
                _sign([patient], consent, started)
            continue
        rng = random.Random(f"anodyne-demo-{patient.user.email}")
        physician = physician_users[patient.care_team_memberships.all()[0].physician.user_id]
        todo.append((patient, physician, rng, Course.of(index, rng)))
    for start in range(0, len(todo), batch_size):
        yield _write_batch(todo[start : start + batch_size], consent=consent, days=days, started=started, now=now)


def _consent(clinic: Clinic, published_at: datetime) -> ConsentVersion:
    """The clinic's current consent, or version 1 published by its admin before the history starts (the row and
    the audit row services.consent_publish writes, dated in the past: the patients signed it back then)."""
    current = ConsentVersion.objects.filter(clinic=clinic).order_by("-version").first()
    if current:
        return current
    admin = User.objects.filter(clinic=clinic, role=Role.CLINIC_ADMIN).order_by("pk").first()
    version = ConsentVersion.objects.create(
        clinic=clinic, version=1, text=CONSENT_TEXT, published_by=admin, published_at=published_at
    )
    audit.record(
        AuditAction.CREATE,
        actor=admin,
        clinic=clinic,
        object_type="consent_version",
        object_id=version.pk,
        detail=f"version {version.version}",
    )
    return version


def _sign(patients: list[Patient], consent: ConsentVersion, started: datetime) -> None:
    """The consent signatures services.consent_sign writes, dated half an hour before the plan (or when the consent
    was published, if later), with their audit rows."""
    signed_at = max(started - timedelta(minutes=30), consent.published_at)
    signatures = ConsentSignature.objects.bulk_create(
        ConsentSignature(patient=p, consent_version=consent, typed_name=p.user.full_name, signed_at=signed_at)
        for p in patients
        if not p.has_signed
    )
    audit.record_many(
        audit.event(
            AuditAction.CREATE,
            actor=signature.patient.user,
            patient=signature.patient,
            object_type="consent_signature",
            object_id=signature.pk,
            detail=f"version {consent.version}",
        )
        for signature in signatures
    )


def _screen(patients: list[Patient], started: datetime) -> None:
    """The intake eligibility screens treatment.eligibility_services.eligibility_screen_answer writes for an all-"no"
    answer (cleared at once, CLINICAL.md section 1), dated with the consent, with their audit rows; a patient who
    answered a screen already keeps it."""
    screened = set(EligibilityScreen.objects.filter(patient__in=patients).values_list("patient_id", flat=True))
    answered_at = started - timedelta(minutes=20)
    screens = EligibilityScreen.objects.bulk_create(
        EligibilityScreen(
            patient=p,
            clinic=p.clinic,
            status=EligibilityStatus.CLEARED,
            created_at=answered_at,
            answers=dict.fromkeys(EligibilityItem.values, 0),
            answered_by=p.user,
            answered_at=answered_at,
            decided_at=answered_at,
        )
        for p in patients
        if p.pk not in screened
    )
    audit.record_many(
        audit.event(
            AuditAction.CREATE,
            actor=screen.patient.user,
            patient=screen.patient,
            object_type="eligibility_screen",
            object_id=screen.pk,
            detail="answered",
        )
        for screen in screens
    )


def _write_batch(todo, *, consent: ConsentVersion, days: int, started: datetime, now: datetime) -> list:
    patients = [patient for patient, *_ in todo]
    pks = [patient.pk for patient in patients]
    # They joined when their history starts (the survey schedule counts its periods from then).
    Patient.objects.filter(pk__in=pks).update(created_at=started)
    User.objects.filter(patient__in=pks).update(date_joined=started)
    CareTeamMembership.objects.filter(patient__in=pks).update(added_at=started)
    _sign(patients, consent, started)
    _screen(patients, started)
    plans = TreatmentPlan.objects.bulk_create(
        TreatmentPlan(patient=patient, status=PlanStatus.ACTIVE, created_at=started) for patient in patients
    )
    versions = PlanVersion.objects.bulk_create(
        _first_version(plan, physician, rng, started, now)
        for plan, (_, physician, rng, _) in zip(plans, todo, strict=True)
    )
    for plan, version in zip(plans, versions, strict=True):
        plan.current_version = version
    TreatmentPlan.objects.bulk_update(plans, ["current_version"])
    histories = [
        _history(patient, physician, plan, rng, course, days=days, started=started, now=now)
        for plan, (patient, physician, rng, course) in zip(plans, todo, strict=True)
    ]
    TreatmentSession.objects.bulk_create([s for h in histories for s in h.sessions], batch_size=INSERT_BATCH)
    SessionSideEffect.objects.bulk_create([e for h in histories for e in h.side_effects], batch_size=INSERT_BATCH)
    AdverseEvent.objects.bulk_create([a for h in histories for a in h.adverse_events])
    Dispense.objects.bulk_create([d for h in histories for d in h.dispenses], batch_size=INSERT_BATCH)
    audit.record_many(
        audit.event(
            AuditAction.CREATE, actor=h.physician, object_type="treatment_plan", object_id=h.plan.pk, patient=h.patient
        )
        for h in histories
    )
    for history in histories:
        _announce_recent(history, now=now)
    services.sessions_schedule_all(now=now, patient_ids=pks)
    return histories


def _first_version(plan: TreatmentPlan, physician: User, rng: random.Random, started: datetime, now: datetime):
    return PlanVersion(
        plan=plan,
        number=1,
        author=physician,
        reason="Demo: start after intake and eligibility review",
        created_at=started,
        status=PlanStatus.ACTIVE,
        **services.plan_defaults(plan.patient),
        route=rng.choice(["sublingual", "sublingual", "buccal"]),
        dose_mg=DOSE_MG,
        max_single_dose_mg=Decimal(100),
        sessions_per_week=2,
        min_hours_between=72,
        review_date=timezone.localdate(now) + timedelta(days=60),
        session_weekdays=rng.choice([[0, 3], [1, 4], [2, 5]]),
        session_time=time(rng.choice([17, 18, 19]), 0),
    )


def _history(patient, physician, plan, rng, course, *, days, started, now) -> PatientHistory:
    """Sessions on the plan's days from the start to now (unsaved): about 5 % missed, 5 % held for blood pressure,
    the rest completed; side effects on some, an adverse event now and then, and dispenses as the supply runs low."""
    history = PatientHistory(patient=patient, physician=physician, course=course, days=days, started=started, plan=plan)
    zone = ZoneInfo(patient.time_zone)
    version = plan.current_version
    first_day = now.astimezone(zone).date() - timedelta(days=days)
    units_per_dose = int(version.dose_mg / STRENGTH_MG)
    on_hand, number = 0, 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in version.session_weekdays:
            continue
        scheduled = datetime.combine(day, version.session_time, tzinfo=zone)
        if scheduled >= now - RECENT_ENOUGH:
            break  # still under way: the scheduler below adds it, or it is simply not logged yet
        if on_hand < units_per_dose:
            history.dispenses.append(
                Dispense(
                    patient=patient, recorded_by=physician, dispensed_on=day, pharmacy=PHARMACY, units=REFILL_UNITS,
                    strength_mg_per_unit=STRENGTH_MG, recorded_at=datetime.combine(day, time(10), tzinfo=zone),
                )
            )  # fmt: skip
            on_hand += REFILL_UNITS
        roll = rng.random()
        # Scheduled two weeks ahead, as services.sessions_schedule_all does.
        base = dict(patient=patient, plan=plan, scheduled_for=scheduled, created_at=max(started, scheduled - AHEAD))
        if roll < 0.05:
            history.sessions.append(TreatmentSession(**base, status=SessionStatus.MISSED))
            continue
        checked = scheduled + timedelta(minutes=rng.randint(0, 40))
        expected = course.pain(history.day_of(checked), days)
        pain_before = max(0, min(10, round(expected + rng.uniform(-1, 1))))
        session = TreatmentSession(
            **base, plan_version=version, checked_at=checked, sitter_present=True, sitter_name="A family member",
            sitter_phone=SITTER_PHONE, no_driving=True, fasted=True, no_alcohol_or_sedatives=True, safe_setting=True,
            heart_rate=rng.randint(62, 88), pain_before=pain_before, gate_notes=[], planned_dose_mg=version.dose_mg,
        )  # fmt: skip
        history.sessions.append(session)
        if roll < 0.10:
            systolic, diastolic = rng.randint(163, 172), rng.randint(92, 99)
            bp = f"{systolic}/{diastolic}"
            session.status, session.systolic, session.diastolic = SessionStatus.HELD, systolic, diastolic
            session.gate_failures = [
                {"code": code, "message": f"{gates.MESSAGES[code].format(bp=bp, limit=limit)} {gates.DO_NOT_DOSE}"}
                for code, limit in (("systolic", version.systolic_limit), ("diastolic", version.diastolic_limit))
            ]
            continue
        number += 1
        on_hand -= units_per_dose
        taken = checked + timedelta(minutes=rng.randint(5, 15))
        session.status, session.session_number = SessionStatus.COMPLETED, number
        session.systolic, session.diastolic = rng.randint(112, 148), rng.randint(70, 88)
        session.dose_mg, session.route, session.taken_at = version.dose_mg, version.route, taken
        # Now and then a strong dissociation: the session asks for a physician's review (treatment.gates).
        session.dissociation = gates.DISSOCIATION_REVIEW_AT if rng.random() < 0.03 else rng.randint(2, 7)
        if session.dissociation >= gates.DISSOCIATION_REVIEW_AT:
            message = gates.POST_DOSE_MESSAGES["dissociation"].format(
                value=session.dissociation, at=gates.DISSOCIATION_REVIEW_AT
            )
            session.post_dose_findings = [{"code": "dissociation", "message": message}]
            session.needs_review = True
        session.pain_after = max(0, pain_before - rng.randint(1, 3))
        session.completed_at = taken + timedelta(hours=2)
        if rng.random() < 0.3:
            effect = rng.choice([SideEffect.NAUSEA, SideEffect.DIZZINESS, SideEffect.DROWSINESS, SideEffect.HEADACHE])
            severity = SideEffectSeverity.MODERATE if rng.random() < 0.15 else SideEffectSeverity.MILD
            history.side_effects.append(SessionSideEffect(session=session, effect=effect, severity=severity))
    moderate = [e for e in history.side_effects if e.severity == SideEffectSeverity.MODERATE]
    if moderate and rng.random() < 0.5:
        effect = moderate[-1]
        reported_at = effect.session.taken_at + timedelta(hours=14)
        if reported_at <= now:
            history.adverse_events.append(
                AdverseEvent(
                    patient=patient,
                    session=effect.session,
                    reported_by=patient.user,
                    description=f"{SideEffect(effect.effect).label} that lasted into the next morning.",
                    started_at=effect.session.taken_at + timedelta(hours=1),
                    severity=AdverseEventSeverity.MODERATE,
                    ongoing=False,
                    reported_at=reported_at,
                )
            )
    return history


def _announce_recent(history: PatientHistory, *, now: datetime) -> None:
    """What the services send for a held session or an adverse event, for those of the last ALERT_WINDOW."""
    recent = now - ALERT_WINDOW
    version = history.plan.current_version
    for session in history.sessions:
        if session.status != SessionStatus.HELD or session.checked_at < recent:
            continue
        events.session_held.send(
            sender=TreatmentSession,
            patient=history.patient,
            session_id=session.pk,
            reasons=[failure["code"] for failure in session.gate_failures],
            severe_hypertension=False,
        )
        # The plan version has the limits blood_pressure_severity reads.
        severity = gates.blood_pressure_severity(session.systolic, session.diastolic, version)
        if severity:
            events.blood_pressure_beyond_limit.send(
                sender=TreatmentSession,
                patient=history.patient,
                session_id=session.pk,
                systolic=session.systolic,
                diastolic=session.diastolic,
                moment="pre_dose",
                severity=severity,
            )
    for adverse_event in history.adverse_events:
        if adverse_event.reported_at >= recent:
            events.adverse_event_reported.send(
                sender=AdverseEvent,
                patient=history.patient,
                adverse_event_id=adverse_event.pk,
                severity=adverse_event.severity,
            )
