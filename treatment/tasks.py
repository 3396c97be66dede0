"""Treatment's periodic tasks. They take no health data (no arguments at all), re-read the rows and call a service,
so a second run, or two at once, changes nothing more (treatment.services explains why each is idempotent)."""

from celery import shared_task
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Patient
from treatment import services
from treatment.models import PlanStatus, SessionStatus, TreatmentPlan, TreatmentSession

SCHEDULE_DAYS_AHEAD = 14
BATCH = 500


@shared_task
def schedule_upcoming_sessions() -> int:
    """Every 15 minutes: schedule the next two weeks for each patient with an active plan, and cancel the future
    scheduled sessions of patients whose plan no longer asks for them. One query for the patients, then batches of
    a constant number of queries (services.sessions_schedule_all). Returns how many sessions were scheduled."""
    now = timezone.now()
    active_plan = TreatmentPlan.objects.filter(patient=OuterRef("pk"), status=PlanStatus.ACTIVE)
    still_scheduled = TreatmentSession.objects.filter(
        patient=OuterRef("pk"), status=SessionStatus.SCHEDULED, scheduled_for__gt=now
    )
    patients = Patient.objects.filter(Q(Exists(active_plan)) | Q(Exists(still_scheduled))).order_by("pk")
    ids = list(patients.values_list("pk", flat=True))
    return sum(
        services.sessions_schedule_all(now=now, patient_ids=ids[start : start + BATCH], days_ahead=SCHEDULE_DAYS_AHEAD)
        for start in range(0, len(ids), BATCH)
    )


@shared_task
def mark_missed_and_incomplete_sessions() -> dict:
    """Every 15 minutes: scheduled sessions past their window become missed, unfinished ones incomplete."""
    result = services.session_mark_missed_and_incomplete(now=timezone.now())
    return {"missed": result.missed, "incomplete": result.incomplete, "missed_alerts": result.missed_alerts}
