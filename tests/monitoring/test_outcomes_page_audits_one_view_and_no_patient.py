"""Opening the outcomes page is one audit row (a view of the outcomes report, naming its scope and period), as the
clinic's other report page (the audit log) is. No patient is shown, so no patient's record is recorded as seen."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from tests.monitoring.outcome_data import FIRST, session


def test_one_row_for_the_report_none_for_patients(client, clinic_admin, patient, second_patient):
    session(patient, FIRST)
    client.force_login(clinic_admin)
    client.get(reverse("home"))  # signing in and the first request write their own rows
    before = AuditEvent.objects.count()
    client.get(reverse("clinic_outcomes"), {"period": "30"})
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(r.action, r.object_type, r.actor_id, r.patient_id, r.detail) for r in rows] == [
        (AuditAction.VIEW, "clinic_outcomes", clinic_admin.pk, None, "clinic, 30 days")
    ]
    assert rows[0].clinic_id == clinic_admin.clinic_id
