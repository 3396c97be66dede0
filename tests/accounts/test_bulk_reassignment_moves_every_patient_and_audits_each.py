"""A hand-over moves every patient under a physician's care to another physician in one step, audited per patient."""

from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, CareTeamMembership, PatientStatus
from tests.factories import PatientFactory


def _physicians_of(patient):
    return set(CareTeamMembership.objects.filter(patient=patient).values_list("physician_id", flat=True))


def test_the_hand_over_page_moves_every_patient_under_care(
    client, clinic, physician, other_physician, patient, second_patient, clinic_admin
):
    paused = PatientFactory(clinic=clinic, care_team=[physician], status=PatientStatus.PAUSED)
    already_shared = PatientFactory(clinic=clinic, care_team=[physician, other_physician])
    discharged = PatientFactory(clinic=clinic, care_team=[physician], status=PatientStatus.DISCHARGED)
    client.force_login(clinic_admin)
    url = reverse("staff_handover", kwargs={"user_pk": physician.user.pk})

    page = client.get(url)
    assert page.status_code == 200
    for listed in (patient, second_patient, paused, already_shared):
        assert listed.user.full_name in page.content.decode()
    assert discharged.user.full_name not in page.content.decode()

    response = client.post(url, {"to_physician": other_physician.pk})

    assert response["Location"] == reverse("clinic")
    for moved in (patient, second_patient, paused, already_shared):
        assert _physicians_of(moved) == {other_physician.pk}
    # A discharged patient's care team stays as the record of who cared for them.
    assert _physicians_of(discharged) == {physician.pk}
    assert (
        "4 patients handed over from Dr. Elena Rivera to Dr. Daniel Okafor."
        in client.get(reverse("clinic")).content.decode()
    )


def test_each_patient_gets_an_assign_and_an_unassign_row(
    clinic, physician, other_physician, patient, second_patient, clinic_admin
):
    already_shared = PatientFactory(clinic=clinic, care_team=[physician, other_physician])

    moved = services.care_team_reassign(actor=clinic_admin, from_physician=physician, to_physician=other_physician)

    assert {p.pk for p in moved} == {patient.pk, second_patient.pk, already_shared.pk}
    rows = AuditEvent.objects.filter(actor=clinic_admin, action__in=[AuditAction.ASSIGN, AuditAction.UNASSIGN])
    assigned = set(
        rows.filter(action=AuditAction.ASSIGN, object_id=str(other_physician.pk)).values_list("patient", flat=True)
    )
    unassigned = set(
        rows.filter(action=AuditAction.UNASSIGN, object_id=str(physician.pk)).values_list("patient", flat=True)
    )
    assert assigned == {patient.pk, second_patient.pk}  # already_shared had the new physician: nothing to add
    assert unassigned == {patient.pk, second_patient.pk, already_shared.pk}
    assert rows.count() == 5


def test_the_hand_over_list_is_an_audited_read(client, physician, patient, second_patient, clinic_admin):
    client.force_login(clinic_admin)
    response = client.get(reverse("staff_handover", kwargs={"user_pk": physician.user.pk}))
    listed = AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST)
    assert set(listed.values_list("patient", flat=True)) == {patient.pk, second_patient.pk}


def test_only_the_given_patients_move_when_named(physician, other_physician, patient, second_patient, clinic_admin):
    services.care_team_reassign(
        actor=clinic_admin, from_physician=physician, to_physician=other_physician, patients=[patient]
    )

    assert _physicians_of(patient) == {other_physician.pk}
    assert _physicians_of(second_patient) == {physician.pk}


def test_the_hand_over_then_leads_to_the_deactivation(client, physician, other_physician, patient, clinic_admin):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("staff_handover", kwargs={"user_pk": physician.user.pk}),
        {"to_physician": other_physician.pk, "then_deactivate": "on"},
    )

    assert response["Location"] == reverse("staff_deactivate", kwargs={"user_pk": physician.user.pk})
    assert client.post(response["Location"])["Location"] == reverse("clinic")
    physician.user.refresh_from_db()
    assert not physician.user.is_active


def test_a_hand_over_to_a_deactivated_physician_changes_nothing(
    client, physician, other_physician, patient, clinic_admin
):
    services.user_deactivate(actor=clinic_admin, user=other_physician.user)
    client.force_login(clinic_admin)

    response = client.post(
        reverse("staff_handover", kwargs={"user_pk": physician.user.pk}), {"to_physician": other_physician.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert _physicians_of(patient) == {physician.pk}
