"""Sessions awaiting review and clinical notes for the review and notes tests.

Sessions are written directly as rows, with explicit times in the past (the services that write them in real life
are tested in tests/treatment); each way a session can be remarkable has its own helper. Notes are written through
monitoring.notes, as the pages do.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from monitoring import notes
from monitoring.models import AlertKind, Severity
from tests.factories import PhysicianFactory, give_totp
from tests.monitoring.conftest import raise_alert
from treatment.models import AdverseEvent, SessionSideEffect, SessionStatus, TreatmentSession


def _moment(days_ago: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def completed(patient, *, days_ago: float = 1, pain_before=6, pain_after=3, **fields) -> TreatmentSession:
    """An unremarkable completed session: checked, dosed as planned, nothing to report."""
    taken_at = _moment(days_ago)
    values = {
        "patient": patient,
        "status": SessionStatus.COMPLETED,
        "checked_at": taken_at - dt.timedelta(minutes=10),
        "sitter_present": True,
        "sitter_name": "Sam",
        "no_driving": True,
        "fasted": True,
        "no_alcohol_or_sedatives": True,
        "safe_setting": True,
        "systolic": 128,
        "diastolic": 82,
        "heart_rate": 72,
        "pain_before": pain_before,
        "planned_dose_mg": Decimal(50),
        "dose_mg": Decimal(50),
        "route": "sublingual",
        "taken_at": taken_at,
        "dissociation": 4,
        "pain_after": pain_after,
        "completed_at": taken_at + dt.timedelta(hours=2),
        "notes": "Felt calm afterwards.",
    }
    values.update(fields)
    return TreatmentSession.objects.create(**values)


def held(patient, *, days_ago: float = 1) -> TreatmentSession:
    """A session held before dosing: the blood pressure was over the plan's limit."""
    checked_at = _moment(days_ago)
    return TreatmentSession.objects.create(
        patient=patient,
        status=SessionStatus.HELD,
        checked_at=checked_at,
        sitter_present=True,
        no_driving=True,
        fasted=True,
        no_alcohol_or_sedatives=True,
        safe_setting=True,
        systolic=172,
        diastolic=96,
        heart_rate=88,
        pain_before=7,
        gate_failures=[
            {"code": "blood_pressure", "message": "Your blood pressure, 172/96, is above your plan's limit of 160/90."}
        ],
    )


def in_progress(patient, *, days_ago: float = 0.1) -> TreatmentSession:
    """A session whose check passed and whose dose is not logged yet: not awaiting review."""
    return TreatmentSession.objects.create(
        patient=patient, status=SessionStatus.IN_PROGRESS, checked_at=_moment(days_ago), pain_before=5
    )


def marked_for_review(patient, **fields) -> TreatmentSession:
    """Dissociation at 9: the service marks such a session for a physician's review and records the finding."""
    return completed(
        patient,
        dissociation=9,
        needs_review=True,
        post_dose_findings=[
            {
                "code": "dissociation",
                "message": "Dissociation at the peak: 9 out of 10 (8 or more asks for a physician's review).",
            }
        ],
        **fields,
    )


def with_findings(patient, **fields) -> TreatmentSession:
    """A blood pressure after the dose above the plan's limits: a finding (and, in real life, an alert)."""
    return completed(
        patient,
        post_systolic=168,
        post_diastolic=94,
        post_dose_findings=[
            {"code": "blood_pressure", "message": "Blood pressure after the dose: 168/94, above the plan's limits."}
        ],
        **fields,
    )


def with_side_effect(patient, *, severity="severe", effect="vomiting", **fields) -> TreatmentSession:
    session = completed(patient, **fields)
    SessionSideEffect.objects.create(session=session, effect=effect, severity=severity)
    return session


def with_adverse_event(patient, **fields) -> TreatmentSession:
    session = completed(patient, **fields)
    AdverseEvent.objects.create(
        patient=patient,
        session=session,
        reported_by=patient.user,
        description="Dizzy for an hour after the dose.",
        started_at=session.taken_at,
        severity="mild",
    )
    return session


def with_alert(patient, **fields) -> TreatmentSession:
    session = completed(patient, **fields)
    alert_about(session)
    return session


def alert_about(session, *, kind=AlertKind.DOSE_ABOVE_PLAN, severity=Severity.HIGH):
    return raise_alert(
        session.patient, kind=kind, severity=severity, cause=f"session:{session.pk}", summary="About this session."
    )


def colleague_on_care_team(patient, *, full_name="Priya Shah"):
    """A second physician of the patient's clinic, put on their care team."""
    colleague = PhysicianFactory(clinic=patient.clinic, user__full_name=full_name)
    give_totp(colleague.user)
    patient.care_team_memberships.create(physician=colleague, clinic=patient.clinic)
    return colleague


def care_team_physician_user(patient):
    return patient.care_team_memberships.select_related("physician__user").first().physician.user


def signed_note(patient, *, text="Reviewed by phone. Continue the plan unchanged.", **fields):
    """A signed clinical note on `patient` by the first physician of their care team (a maker of
    tests/treatment/test_record_pages_audit_one_row_each.py)."""
    return notes.clinical_note_write(
        actor=care_team_physician_user(patient), patient=patient, text=text, sign=True, **fields
    )


def draft_note(patient, author, *, text="Draft: call back about the dizziness.", **fields):
    return notes.clinical_note_write(actor=author, patient=patient, text=text, **fields)
