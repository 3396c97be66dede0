"""A survey that expires unanswered becomes expired and raises one low `survey_overdue` alert; running the expiry
again (the beat task twice) changes nothing more."""

import datetime as dt

from django.utils import timezone

from monitoring import services
from monitoring.models import Alert, AlertKind, AssignmentStatus, Severity
from tests.monitoring.survey_data import assign


def test_expiry_marks_it_expired_and_alerts_once(patient):
    due = timezone.now() - dt.timedelta(hours=80)
    overdue = assign(patient, "phq9", due_at=due, hours=72)
    still_open = assign(patient, "gad7", due_at=due, hours=100)

    assert services.surveys_expire(now=timezone.now()) == 1
    assert services.surveys_expire(now=timezone.now()) == 0

    overdue.refresh_from_db()
    still_open.refresh_from_db()
    assert overdue.status == AssignmentStatus.EXPIRED
    assert still_open.status == AssignmentStatus.DUE
    alert = Alert.objects.get(patient=patient)
    assert (alert.kind, alert.severity, alert.cause, alert.occurrences) == (
        AlertKind.SURVEY_OVERDUE,
        Severity.LOW,
        f"assignment:{overdue.pk}",
        1,
    )
