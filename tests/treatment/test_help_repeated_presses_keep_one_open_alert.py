"""Pressing "I need help" again records each press but keeps one open alert for the session, raised again."""

from django.urls import reverse

from monitoring.models import Alert, AlertKind, Severity
from tests.treatment.help_data import session_in_progress
from treatment.models import HelpRequest


def test_three_presses_are_three_requests_and_one_alert(client, ready_patient):
    session = session_in_progress(ready_patient)
    client.force_login(ready_patient.user)
    url = reverse("session_help", kwargs={"session_pk": session.pk})
    for _ in range(3):
        assert "Your care team has been told." in client.post(url).content.decode()
    assert HelpRequest.objects.filter(session=session).count() == 3
    alert = Alert.objects.get(kind=AlertKind.HELP_REQUESTED)
    assert (alert.occurrences, alert.severity, alert.cause) == (3, Severity.CRITICAL, f"help:{session.pk}")
