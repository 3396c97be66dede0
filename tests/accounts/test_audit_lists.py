"""Each patient shown in a list is an access to their record: one audit row per patient on the page."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent


def test_the_dashboard_audits_every_patient_it_shows(client, physician, patient, second_patient, outside_patient):
    client.force_login(physician.user)
    response = client.get(reverse("dashboard"))
    listed = AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST)
    assert {row.patient for row in listed} == {patient, second_patient}
    assert listed.count() == 2


def test_the_clinic_page_audits_every_patient_it_shows(client, clinic_admin, patient, second_patient):
    client.force_login(clinic_admin)
    response = client.get(reverse("clinic"))
    listed = AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST)
    assert sorted(row.patient.pk for row in listed) == sorted([patient.pk, second_patient.pk])
