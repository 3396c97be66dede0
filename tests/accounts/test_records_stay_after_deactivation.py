"""Deactivation keeps every record: the patient's profile, status and care team, the physician's profile and the
care-team history in the audit trail; the clinic admin still reads the deactivated patient's record."""

from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, CareTeamMembership, Patient, PatientStatus, Physician
from tests.factories import PatientFactory


def test_a_deactivated_patients_record_and_care_team_stay(client, physician, patient, clinic_admin):
    services.user_deactivate(actor=clinic_admin, user=patient.user)

    kept = Patient.objects.get(pk=patient.pk)
    assert kept.status == PatientStatus.ACTIVE
    assert not kept.user.is_active
    assert CareTeamMembership.objects.filter(patient=patient, physician=physician).exists()
    row = AuditEvent.objects.get(action=AuditAction.DEACTIVATE)
    assert (row.actor, row.patient, row.object_id) == (clinic_admin, patient, str(patient.user.pk))

    client.force_login(clinic_admin)
    page = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk}))
    assert page.status_code == 200
    assert "Maya Patel" in page.content.decode()
    care_team = client.get(reverse("patient_care_team", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "Reactivate sign-in" in care_team


def test_a_deactivated_physicians_profile_and_history_stay(
    clinic, physician, other_physician, patient, second_patient, clinic_admin
):
    discharged = PatientFactory(clinic=clinic, care_team=[physician], status=PatientStatus.DISCHARGED)
    services.care_team_reassign(actor=clinic_admin, from_physician=physician, to_physician=other_physician)

    services.user_deactivate(actor=clinic_admin, user=physician.user)

    assert Physician.objects.filter(pk=physician.pk, licence_number=physician.licence_number).exists()
    # Who cared for whom: the discharged patient's care team as it was, the others' in the audit trail.
    assert CareTeamMembership.objects.filter(patient=discharged, physician=physician).exists()
    left = AuditEvent.objects.filter(action=AuditAction.UNASSIGN, object_id=str(physician.pk))
    assert set(left.values_list("patient", flat=True)) == {patient.pk, second_patient.pk}


def test_the_clinic_page_lists_deactivated_staff(client, other_physician, clinic_admin):
    services.user_deactivate(actor=clinic_admin, user=other_physician.user)
    client.force_login(clinic_admin)

    page = client.get(reverse("clinic")).content.decode()

    assert "Daniel Okafor" in page
    assert reverse("staff_reactivate", kwargs={"user_pk": other_physician.user.pk}) in page
