"""A clinic admin pauses and resumes a patient's treatment; each move is kept with its reason and audited."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, PatientStatus, PatientStatusChange


def test_pause_then_resume(client, patient, clinic_admin):
    client.force_login(clinic_admin)
    url = reverse("patient_status", kwargs={"patient_pk": patient.pk})

    client.post(url, {"status": PatientStatus.PAUSED, "reason": "Travelling for three weeks."})
    patient.refresh_from_db()
    assert patient.status == PatientStatus.PAUSED
    assert "Resume treatment (active)" in client.get(url).content.decode()

    client.post(url, {"status": PatientStatus.ACTIVE})
    patient.refresh_from_db()
    assert patient.status == PatientStatus.ACTIVE

    moves = list(PatientStatusChange.objects.order_by("pk").values_list("from_status", "to_status", "reason"))
    assert moves == [("active", "paused", "Travelling for three weeks."), ("paused", "active", "")]
    details = list(
        AuditEvent.objects.filter(action=AuditAction.UPDATE, patient=patient)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == ["active → paused", "paused → active"]


def test_a_status_not_offered_changes_nothing(client, patient, clinic_admin):
    client.force_login(clinic_admin)
    response = client.post(reverse("patient_status", kwargs={"patient_pk": patient.pk}), {"status": "active"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PatientStatusChange.objects.exists()
