"""Each patient shown on /alerts/ is an audited access to their record: one row per patient, however many alerts."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from tests.monitoring.conftest import raise_alert


def test_one_list_row_per_patient_shown(client, physician, patient, second_patient, outside_patient):
    raise_alert(patient, cause="a")
    raise_alert(patient, cause="b")
    raise_alert(second_patient, cause="c")
    raise_alert(outside_patient, cause="d")
    client.force_login(physician.user)

    response = client.get(reverse("alert_list"))

    listed = AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST)
    assert sorted(row.patient_id for row in listed) == sorted([patient.pk, second_patient.pk])
    assert "Lucia Garcia" not in response.content.decode()
