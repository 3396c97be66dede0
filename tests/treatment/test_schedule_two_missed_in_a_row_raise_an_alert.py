"""When a patient's two most recent scheduled sessions both ended missed, the care team gets a medium
missed-sessions alert (treatment.events.sessions_missed -> monitoring); once, however often the marker runs."""

from datetime import UTC, datetime, timedelta

from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.supply_data import completed_session
from treatment import services
from treatment.models import SessionStatus, TreatmentSession

AT = datetime(2026, 6, 4, 23, tzinfo=UTC)
LATER = AT + timedelta(days=1)


def _scheduled(patient, at):
    return TreatmentSession.objects.create(patient=patient, status=SessionStatus.SCHEDULED, scheduled_for=at)


def test_two_missed_in_a_row_alert_once(patient):
    _scheduled(patient, AT - timedelta(days=3))
    latest = _scheduled(patient, AT)
    assert services.session_mark_missed_and_incomplete(now=LATER).missed_alerts == 1
    assert services.session_mark_missed_and_incomplete(now=LATER).missed_alerts == 0
    alert = Alert.objects.get()
    assert (alert.kind, alert.severity, alert.cause, alert.occurrences) == (
        AlertKind.MISSED_SESSIONS,
        Severity.MEDIUM,
        f"missed:{latest.pk}",
        1,
    )


def test_one_missed_after_a_completed_session_does_not_alert(patient):
    completed_session(patient, 50, taken_at=AT - timedelta(days=3), scheduled_for=AT - timedelta(days=3))
    _scheduled(patient, AT)
    assert services.session_mark_missed_and_incomplete(now=LATER).missed_alerts == 0
    assert not Alert.objects.exists()


def test_missed_one_at_a_time_alerts_at_the_second(patient):
    _scheduled(patient, AT - timedelta(days=3))
    services.session_mark_missed_and_incomplete(now=AT - timedelta(days=2))
    assert not Alert.objects.exists()
    _scheduled(patient, AT)
    services.session_mark_missed_and_incomplete(now=LATER)
    assert Alert.objects.get().kind == AlertKind.MISSED_SESSIONS
