"""Clinical records for the adverse-event and addendum tests: a completed session and a reported adverse event,
made through the services that make them in real life."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.treatment.session_data import good_check
from treatment import services


def completed_session(patient):
    """A session of `patient` (who needs an active plan and signed consent: the `ready_patient` fixture), dosed and
    logged."""
    session = services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check()).session
    return services.session_log_dose(
        actor=patient.user,
        session=session,
        dose_mg=Decimal(50),
        route="sublingual",
        taken_at=timezone.now(),
        dissociation=4,
        pain_after=3,
        side_effects={"nausea": "mild"},
        notes="Felt calm afterwards.",
    )


def reported_adverse_event(patient, *, severity="moderate", description="Dizzy and sick for two hours.", **fields):
    """An adverse event the patient reported themself, started an hour ago."""
    return services.adverse_event_report(
        actor=patient.user,
        patient=patient,
        description=description,
        started_at=timezone.now() - timedelta(hours=1),
        severity=severity,
        **fields,
    )
