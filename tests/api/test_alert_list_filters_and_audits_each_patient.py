"""GET /api/v1/alerts/ lists the alerts of the patients the signed-in physician oversees (a clinic admin: the
clinic's), in triage order, filtered by status, severity, kind and patient (several values of one filter by
repeating it); each patient listed is one audit row; an unknown filter value is a 400; a patient is refused (403)."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from monitoring import services
from monitoring.models import AlertKind, Severity
from tests.api.staff_data import alert_of, login
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(clinic, patient, second_patient, physician, other_physician):
    low = alert_of(patient, cause="assignment:1", kind=AlertKind.SURVEY_OVERDUE, severity=Severity.LOW)
    critical = alert_of(
        second_patient, cause="adverse_event:1", kind=AlertKind.ADVERSE_EVENT, severity=Severity.CRITICAL
    )
    seen = alert_of(patient, cause="session:1", severity=Severity.HIGH)
    services.alert_acknowledge(actor=physician.user, alert=seen)
    stranger = PatientFactory(clinic=clinic, care_team=[other_physician])
    elsewhere = alert_of(stranger, cause="session:2")
    return {"low": low, "critical": critical, "seen": seen, "elsewhere": elsewhere}


def _ids(client, query=None):
    response = client.get(reverse("api:alert_list"), query or {})
    assert response.status_code == 200, response.content
    return [alert["id"] for alert in response.json()["results"]], response


def test_triage_order_of_the_physicians_own_patients(client, alerts, physician, patient, second_patient):
    login(client, physician)
    ids, response = _ids(client)
    assert ids == [alerts["critical"].pk, alerts["low"].pk, alerts["seen"].pk]
    rows = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert sorted((row.action, row.patient_id) for row in rows) == sorted(
        [(AuditAction.LIST, patient.pk), (AuditAction.LIST, second_patient.pk)]
    )


def test_filters(client, alerts, physician, patient):
    login(client, physician)
    assert _ids(client, {"status": "acknowledged"})[0] == [alerts["seen"].pk]
    assert _ids(client, {"severity": ["low", "critical"]})[0] == [alerts["critical"].pk, alerts["low"].pk]
    assert _ids(client, {"kind": "survey_overdue"})[0] == [alerts["low"].pk]
    assert _ids(client, {"patient": patient.pk, "status": "open"})[0] == [alerts["low"].pk]
    response = client.get(reverse("api:alert_list"), {"severity": "urgent"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "severity"


def test_the_clinic_admin_sees_the_clinics_alerts_and_a_patient_none(client, alerts, clinic_admin, patient):
    login(client, clinic_admin)
    assert alerts["elsewhere"].pk in _ids(client)[0]
    login(client, patient)
    assert client.get(reverse("api:alert_list")).status_code == 403
