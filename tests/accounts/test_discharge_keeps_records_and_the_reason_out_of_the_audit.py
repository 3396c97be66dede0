"""Discharging a patient ends their treatment but keeps their records readable; the reason is kept with the record,
never in the audit trail."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, CareTeamMembership, PatientStatus, PatientStatusChange
from anodyne.errors import DomainError

REASON = "Completed the treatment course; pain controlled on the home programme."


def test_a_discharge_records_who_when_and_why(client, physician, patient, clinic_admin):
    client.force_login(clinic_admin)
    url = reverse("patient_status", kwargs={"patient_pk": patient.pk})

    response = client.post(url, {"status": PatientStatus.DISCHARGED, "reason": REASON})

    assert response["Location"] == reverse("patient_care_team", kwargs={"patient_pk": patient.pk})
    patient.refresh_from_db()
    assert patient.status == PatientStatus.DISCHARGED
    change = PatientStatusChange.objects.get(patient=patient)
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        PatientStatus.ACTIVE,
        PatientStatus.DISCHARGED,
        REASON,
        clinic_admin,
    )
    row = AuditEvent.objects.get(action=AuditAction.DISCHARGE)
    assert (row.actor, row.patient, row.object_type) == (clinic_admin, patient, "patient")
    assert "treatment course" not in row.detail and "pain" not in row.detail
    assert REASON in client.get(url).content.decode()


def test_the_records_stay_readable_to_the_care_team_and_the_patient(client, physician, patient, clinic_admin):
    services.patient_discharge(actor=clinic_admin, patient=patient, reason=REASON)

    assert CareTeamMembership.objects.filter(patient=patient, physician=physician).exists()
    client.force_login(physician.user)
    assert client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk})).status_code == 200
    client.force_login(patient.user)
    assert client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk})).status_code == 200


def test_a_discharge_needs_a_reason_and_changes_nothing_without_one(client, patient, clinic_admin):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("patient_status", kwargs={"patient_pk": patient.pk}),
        {"status": PatientStatus.DISCHARGED, "reason": " "},
    )

    assert response.status_code == 200
    assert "Give the reason for the discharge." in response.content.decode()
    patient.refresh_from_db()
    assert patient.status == PatientStatus.ACTIVE
    assert not AuditEvent.objects.filter(action=AuditAction.DISCHARGE).exists()
    with pytest.raises(DomainError, match="Give the reason"):
        services.patient_discharge(actor=clinic_admin, patient=patient, reason="")


def test_a_discharge_is_final_here(patient, clinic_admin):
    services.patient_discharge(actor=clinic_admin, patient=patient, reason=REASON)

    with pytest.raises(DomainError, match="cannot become"):
        services.patient_discharge(actor=clinic_admin, patient=patient, reason=REASON)
    with pytest.raises(DomainError, match="cannot become active"):
        services.patient_status_set(actor=clinic_admin, patient=patient, status=PatientStatus.ACTIVE)
    assert PatientStatusChange.objects.count() == 1
