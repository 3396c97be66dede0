"""Pressing "I need help" records the request and raises a critical alert that the care team's physician sees in the
alerts panel of their dashboard (and a physician off the care team does not)."""

from django.urls import reverse

from monitoring.models import Alert, AlertKind, AlertStatus, Severity
from tests.treatment.help_data import session_in_progress
from treatment.models import HelpRequest


def test_the_help_alert_reaches_the_care_teams_dashboard(client, ready_patient, physician, other_physician):
    session = session_in_progress(ready_patient)
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_help", kwargs={"session_pk": session.pk}))
    assert response.status_code == 200

    help_request = HelpRequest.objects.get()
    assert (help_request.session, help_request.patient, help_request.requested_by) == (
        session,
        ready_patient,
        ready_patient.user,
    )
    alert = Alert.objects.get(kind=AlertKind.HELP_REQUESTED)
    assert (alert.severity, alert.status, alert.cause, alert.summary) == (
        Severity.CRITICAL,
        AlertStatus.OPEN,
        f"help:{session.pk}",
        "Maya Patel asked for help during a session.",
    )

    client.force_login(physician.user)
    dashboard = client.get(reverse("dashboard"))
    assert alert in dashboard.context["alerts"]
    assert "Maya Patel asked for help during a session." in dashboard.content.decode()

    client.force_login(other_physician.user)
    dashboard = client.get(reverse("dashboard"))
    assert alert not in dashboard.context["alerts"]
    assert "asked for help" not in dashboard.content.decode()
