"""Each download is one audit row: an EXPORT of the patient's own record, by the patient, naming the file."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.monitoring.my_data_data import at, completed, table


@pytest.mark.parametrize(
    ("url_name", "detail"), [("my_data_sessions", "sessions.csv"), ("my_data_surveys", "surveys.csv")]
)
def test_a_download_is_audited_as_an_export(client, patient, url_name, detail):
    completed(patient, taken_at=at(72))
    client.force_login(patient.user)
    before = AuditEvent.objects.count()

    table(client.get(reverse(url_name)))

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert event.action == AuditAction.EXPORT
    assert event.actor == patient.user
    assert event.actor_role == "patient"
    assert event.patient == patient
    assert (event.object_type, event.object_id) == ("patient", str(patient.pk))
    assert event.detail == detail
    assert event.outcome == AuditOutcome.SUCCESS
    assert event.clinic_id == patient.clinic_id
