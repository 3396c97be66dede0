"""Treatment history for the demo clinic: consent, a plan per patient and D days of plausible sessions.

Consent and plans are written through treatment.services, as a physician would. The past cannot be: services
stamp the present, so the history (sessions, side effects, an occasional adverse event, dispenses) is inserted as
rows dated in the past. Deterministic: the same patients get the same history on every machine. Held sessions and
adverse events of the last two weeks are announced through treatment.events, so the care team's alerts are real.
Demo data only: doses, pains and readings are made up, not a dosing example.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.demo import DEMO_CLINIC_SLUG
from accounts.models import Clinic, Patient, Role, User
from treatment import events, gates, services
from treatment.models import (
    AdverseEvent,
    AdverseEventSeverity,
    ConsentVersion,
    Dispense,
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

STRENGTH_MG = Decimal(25)  # units of 25 mg (troches), dispensed every four weeks


def seed_history(*, days: int) -> None:
    clinic = Clinic.objects.get(slug=DEMO_CLINIC_SLUG)
    consent = _consent(clinic)
    physician_users = {u.pk: u for u in User.objects.filter(clinic=clinic, role=Role.PHYSICIAN)}
    patients = (
        Patient.objects.filter(clinic=clinic)
        .select_related("user")
        .prefetch_related("care_team_memberships__physician")
    )
    for index, patient in enumerate(patients.order_by("user__email")):
        if not patient.consent_signatures.filter(consent_version=consent).exists():
            services.consent_sign(patient_user=patient.user, consent_version=consent, typed_name=patient.user.full_name)
        physician = physician_users[patient.care_team_memberships.all()[0].physician.user_id]
        if TreatmentPlan.objects.filter(patient=patient).exists():
            continue
        rng = random.Random(f"anodyne-demo-{patient.user.email}")
        plan = _plan(patient, physician, rng, days)
        _history(patient, physician, plan, rng, days, responder=index % 3 != 2)
        services.session_schedule_upcoming(patient=patient, now=timezone.now())


def _consent(clinic: Clinic) -> ConsentVersion:
    current = ConsentVersion.objects.filter(clinic=clinic).order_by("-version").first()
    if current:
        return current
    admin = User.objects.filter(clinic=clinic, role=Role.CLINIC_ADMIN).order_by("pk").first()
    return services.consent_publish(actor=admin, clinic=clinic, text=CONSENT_TEXT)


def _plan(patient: Patient, physician: User, rng: random.Random, days: int) -> TreatmentPlan:
    weekdays = rng.choice([[0, 3], [1, 4], [2, 5]])
    plan = services.plan_create(
        actor=physician,
        patient=patient,
        reason="Demo: start after intake and eligibility review",
        route=rng.choice(["sublingual", "sublingual", "buccal"]),
        dose_mg=Decimal(50),
        max_single_dose_mg=Decimal(100),
        sessions_per_week=2,
        min_hours_between=72,
        review_date=timezone.localdate() + timedelta(days=60),
        session_weekdays=weekdays,
        session_time=time(rng.choice([17, 18, 19]), 0),
    )
    # The plan was written when the history starts.
    started = timezone.now() - timedelta(days=days + 1)
    TreatmentPlan.objects.filter(pk=plan.pk).update(created_at=started)
    PlanVersion.objects.filter(plan=plan).update(created_at=started)
    plan.refresh_from_db()
    return plan


def _history(patient, physician, plan, rng, days, *, responder: bool) -> None:
    zone = ZoneInfo(patient.time_zone)
    version = plan.current_version
    today = timezone.localdate(timezone=zone)
    first_day = today - timedelta(days=days)
    baseline = rng.choice([6, 7, 7, 8])
    sessions, side_effects, held, dispenses = [], [], [], []
    number = 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if offset % 28 == 0:
            dispenses.append(
                Dispense(
                    patient=patient, recorded_by=physician, dispensed_on=day, pharmacy="Sunrise Compounding Pharmacy",
                    units=10, strength_mg_per_unit=STRENGTH_MG,
                )
            )  # fmt: skip
        if day.weekday() not in version.session_weekdays:
            continue
        scheduled = datetime.combine(day, version.session_time, tzinfo=zone)
        if scheduled >= timezone.now():
            break
        roll = rng.random()
        if roll < 0.05:
            sessions.append(
                TreatmentSession(patient=patient, plan=plan, status=SessionStatus.MISSED, scheduled_for=scheduled)
            )
            continue
        checked = scheduled + timedelta(minutes=rng.randint(0, 40))
        progress = offset / days if responder else 0
        pain_before = max(0, min(10, round(baseline - 3.5 * progress + rng.uniform(-1, 1))))
        session = TreatmentSession(
            patient=patient, plan=plan, plan_version=version, scheduled_for=scheduled, checked_at=checked,
            sitter_present=True, sitter_name="A family member", no_driving=True, fasted=True,
            no_alcohol_or_sedatives=True, safe_setting=True, heart_rate=rng.randint(62, 88), pain_before=pain_before,
            gate_notes=[], planned_dose_mg=version.dose_mg,
        )  # fmt: skip
        if roll < 0.10:
            systolic, diastolic = rng.randint(163, 172), rng.randint(92, 99)
            bp = f"{systolic}/{diastolic}"
            session.status, session.systolic, session.diastolic = SessionStatus.HELD, systolic, diastolic
            session.gate_failures = [
                {"code": code, "message": f"{gates.MESSAGES[code].format(bp=bp, limit=limit)} {gates.DO_NOT_DOSE}"}
                for code, limit in (("systolic", version.systolic_limit), ("diastolic", version.diastolic_limit))
            ]
            sessions.append(session)
            if scheduled > timezone.now() - timedelta(days=14):
                held.append(session)
            continue
        number += 1
        taken = checked + timedelta(minutes=rng.randint(5, 15))
        session.status, session.session_number = SessionStatus.COMPLETED, number
        session.systolic, session.diastolic = rng.randint(112, 148), rng.randint(70, 88)
        session.dose_mg, session.route, session.taken_at = version.dose_mg, version.route, taken
        session.dissociation = rng.randint(2, 7)
        session.pain_after = max(0, pain_before - rng.randint(1, 3))
        session.completed_at = taken + timedelta(hours=2)
        sessions.append(session)
        if rng.random() < 0.3:
            effect = rng.choice([SideEffect.NAUSEA, SideEffect.DIZZINESS, SideEffect.DROWSINESS, SideEffect.HEADACHE])
            severity = SideEffectSeverity.MODERATE if rng.random() < 0.15 else SideEffectSeverity.MILD
            side_effects.append((session, effect, severity))
    Dispense.objects.bulk_create(dispenses)
    TreatmentSession.objects.bulk_create(sessions)
    SessionSideEffect.objects.bulk_create(
        SessionSideEffect(session=session, effect=effect, severity=severity)
        for session, effect, severity in side_effects
    )
    for session in held:
        events.session_held.send(
            sender=TreatmentSession,
            patient=patient,
            session_id=session.pk,
            reasons=[failure["code"] for failure in session.gate_failures],
            severe_hypertension=False,
        )
    moderate = [(s, e) for s, e, severity in side_effects if severity == SideEffectSeverity.MODERATE]
    if moderate and rng.random() < 0.5:
        session, effect = moderate[-1]
        adverse_event = AdverseEvent.objects.create(
            patient=patient,
            session=session,
            reported_by=patient.user,
            description=f"{SideEffect(effect).label} that lasted into the next morning.",
            started_at=session.taken_at + timedelta(hours=1),
            severity=AdverseEventSeverity.MODERATE,
            ongoing=False,
            reported_at=session.taken_at + timedelta(hours=14),
        )
        if session.taken_at > timezone.now() - timedelta(days=14):
            events.adverse_event_reported.send(
                sender=AdverseEvent, patient=patient, adverse_event_id=adverse_event.pk, severity=adverse_event.severity
            )
