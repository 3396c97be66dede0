"""GET /api/v1/patients/ is the dashboard's roster for the API: the physician's own patients by name, each with the
dashboard's columns as CLINICAL.md defines them (tests/monitoring/dashboard_data.py's known history), filtered as the
dashboard filters (condition, status, open alerts, not improving, a name), each patient listed one audit row. A
clinic admin sees the clinic's patients; a patient is refused (403)."""

import pytest
import time_machine
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, Condition
from tests.api.staff_data import login
from tests.factories import PatientFactory
from tests.monitoring.dashboard_data import NOW, maya_history

pytestmark = pytest.mark.django_db


def _get(client, **query):
    # At the known history's "now" (the session signed in there too: its clock would otherwise have run out).
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse("api:patient_list"), query)


def _roster(client, **query):
    response = _get(client, **query)
    assert response.status_code == 200, response.content
    return response


def _names(response):
    return [row["full_name"] for row in response.json()["results"]]


def test_a_row_carries_every_column(client, physician, patient, second_patient):
    maya_history(patient, physician)
    login(client, physician)
    rows = {row["full_name"]: row for row in _roster(client).json()["results"]}
    maya = rows["Maya Patel"]
    assert (maya["latest_peg"], maya["latest_nrs"]) == ("4.0", "3.0")
    assert maya["outcome"]["instrument"] == "peg3"
    assert (maya["outcome"]["baseline"], maya["outcome"]["current"]) == ("8.00", "4.00")
    assert maya["outcome"]["change_percent"] == "50.00"
    assert (maya["responder"], maya["responder_week"]) == ("moderate", 4)
    assert (maya["adherence_completed"], maya["adherence_scheduled"], maya["adherence_percent"]) == (2, 4, "50.0")
    assert maya["last_session_status"] == "held"
    assert maya["awaiting_review"] == 4
    assert maya["mme_change"] == "-15.00"
    assert (maya["open_alerts"], maya["open_alert_severity"]) == (1, "high")
    james = rows["James Nguyen"]
    assert (james["latest_peg"], james["outcome"]["change_percent"], james["responder"]) == (None, None, None)
    assert (james["open_alerts"], james["open_alert_severity"], james["awaiting_review"]) == (0, None, 0)


def test_only_the_physicians_own_patients_by_name(client, clinic, physician, other_physician, patient, second_patient):
    PatientFactory(clinic=clinic, user__full_name="Zoe Adams", care_team=[other_physician])
    login(client, physician)
    assert _names(_roster(client)) == ["James Nguyen", "Maya Patel"]


def test_the_dashboards_filters(client, clinic, physician, patient, second_patient):
    maya_history(patient, physician)
    PatientFactory(
        clinic=clinic, user__full_name="Ana Lima", primary_condition=Condition.FIBROMYALGIA, care_team=[physician]
    )
    login(client, physician)
    assert _names(_roster(client, condition="fibromyalgia")) == ["Ana Lima"]
    assert _names(_roster(client, open_alerts="true")) == ["Maya Patel"]
    assert _names(_roster(client, q="nguyen")) == ["James Nguyen"]
    assert _names(_roster(client, status="paused")) == []
    response = _get(client, condition="headache")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "condition"


def test_each_patient_listed_is_one_audit_row(client, physician, patient, second_patient):
    login(client, physician)
    response = _roster(client, page_size=1)
    rows = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert [(row.action, row.patient.user.full_name) for row in rows] == [(AuditAction.LIST, "James Nguyen")]


def test_a_clinic_admin_sees_the_clinics_patients_and_a_patient_is_refused(
    client, clinic_admin, other_physician, clinic, patient, second_patient
):
    PatientFactory(clinic=clinic, user__full_name="Zoe Adams", care_team=[other_physician])
    login(client, clinic_admin)
    assert _names(_roster(client)) == ["James Nguyen", "Maya Patel", "Zoe Adams"]
    login(client, patient)
    assert client.get(reverse("api:patient_list")).status_code == 403
