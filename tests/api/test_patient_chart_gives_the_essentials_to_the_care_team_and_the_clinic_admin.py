"""GET /api/v1/patients/{id}/ gives the chart's essentials (monitoring.chart_selectors.essentials) to the physicians
of the patient's care team and the clinic's admins: who the patient is and their care team, the pain outcome, the
sessions awaiting review, the unresolved alerts by severity, the plan in force, the expected supply and the daily MME.
The patient themself is refused this staff view (403), audited as denied; a read is audited as a view."""

import pytest
import time_machine
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.api.staff_data import login
from tests.monitoring.dashboard_data import NOW, maya_history
from tests.treatment.plan_data import PLAN
from treatment import services

pytestmark = pytest.mark.django_db


def _chart(client, patient):
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse("api:patient_chart", kwargs={"patient_pk": patient.pk}))


@pytest.mark.parametrize("reader", ["physician", "clinic_admin"])
def test_the_care_team_and_the_clinic_admin_read_the_essentials(client, request, patient, physician, reader):
    maya_history(patient, physician)
    with time_machine.travel(NOW, tick=False):
        services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    login(client, request.getfixturevalue(reader))
    response = _chart(client, patient)
    assert response.status_code == 200
    body = response.json()
    assert body["patient"]["full_name"] == "Maya Patel"
    assert [member["full_name"] for member in body["patient"]["care_team"]] == ["Elena Rivera"]
    essentials = body["essentials"]
    assert essentials["outcome"]["change_percent"] == "50.00"
    assert essentials["awaiting_review"] == 4
    assert essentials["alerts_by_severity"] == [{"severity": "high", "count": 1}]
    assert essentials["plan_status"] == "active"
    assert essentials["plan_version"]["dose_mg"] == "50.0"
    assert essentials["plan_version"]["current"] is True
    assert essentials["supply"] is None
    assert essentials["mme_now"] == "15.00"
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.action, row.patient, row.outcome) == (AuditAction.VIEW, patient, AuditOutcome.SUCCESS)


def test_the_patient_is_refused_this_staff_view(client, patient):
    login(client, patient)
    response = _chart(client, patient)
    assert response.status_code == 403
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.outcome, row.patient) == (AuditOutcome.DENIED, None)
