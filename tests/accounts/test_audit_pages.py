"""The clinic admin searches and exports the audit trail; a patient sees who on the staff viewed their record."""

import csv
import io

from django.urls import reverse

from accounts import audit
from accounts.models import AuditAction, AuditEvent


def test_the_admin_finds_who_viewed_a_patient(client, clinic_admin, physician, patient, second_patient):
    audit.record(AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient)
    audit.record(
        AuditAction.VIEW,
        actor=physician.user,
        object_type="patient",
        object_id=second_patient.pk,
        patient=second_patient,
    )
    client.force_login(clinic_admin)
    page = client.get(reverse("audit_log"), {"patient": "maya", "action": "view"}).context["page"]
    assert [event.patient for event in page] == [patient]


def test_the_admin_sees_nothing_of_another_clinic(client, clinic_admin, outside_physician, outside_patient):
    audit.record(
        AuditAction.VIEW,
        actor=outside_physician.user,
        object_type="patient",
        object_id=outside_patient.pk,
        patient=outside_patient,
    )
    client.force_login(clinic_admin)
    page = client.get(reverse("audit_log"), {"actor": "harper"}).context["page"]
    assert list(page) == []


def test_the_export_is_csv_of_the_same_search_and_is_itself_audited(client, clinic_admin, physician, patient):
    audit.record(AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient)
    client.force_login(clinic_admin)
    response = client.get(reverse("audit_export"), {"patient": "maya"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["actor"], row["action"], row["patient"]) for row in rows] == [("Elena Rivera", "view", "Maya Patel")]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=clinic_admin, object_type="audit_log").exists()


def test_a_physician_cannot_read_the_audit_log(client, physician):
    client.force_login(physician.user)
    assert client.get(reverse("audit_log")).status_code == 403


def test_a_patient_sees_which_staff_viewed_their_record(client, patient, physician, clinic_admin):
    audit.record(AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient)
    client.force_login(patient.user)
    body = client.get(reverse("my_record_access")).content.decode()
    assert "Elena Rivera" in body
    assert "Alex Morgan" not in body  # the admin did not look


def test_a_patient_does_not_see_accesses_to_another_patients_record(client, patient, second_patient, physician):
    audit.record(
        AuditAction.VIEW,
        actor=physician.user,
        object_type="patient",
        object_id=second_patient.pk,
        patient=second_patient,
    )
    client.force_login(patient.user)
    assert list(client.get(reverse("my_record_access")).context["page"]) == []
