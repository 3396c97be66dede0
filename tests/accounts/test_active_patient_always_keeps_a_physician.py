"""An active patient always has at least one active physician on their care team: the last one cannot be removed,
and a paused patient cannot resume without one. Every assignment and removal is audited."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, CareTeamMembership, PatientStatus
from anodyne.errors import DomainError


def test_the_last_physician_of_an_active_patient_cannot_be_removed(physician, patient, clinic_admin):
    with pytest.raises(DomainError, match="is their only active physician") as refused:
        services.care_team_unassign(actor=clinic_admin, patient=patient, physician=physician)

    assert refused.value.code == "last_physician"
    assert CareTeamMembership.objects.filter(patient=patient, physician=physician).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.UNASSIGN).exists()


def test_the_care_team_page_says_so_and_changes_nothing(client, physician, patient, clinic_admin):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("patient_care_team", kwargs={"patient_pk": patient.pk}),
        {"action": "unassign", "physician": physician.pk},
    )

    assert response.status_code == 200
    assert "Maya Patel is an active patient and Dr. Elena Rivera is their only active physician." in (
        response.content.decode()
    )
    assert CareTeamMembership.objects.filter(patient=patient, physician=physician).exists()


def test_add_the_new_physician_first_then_remove_the_old(client, physician, other_physician, patient, clinic_admin):
    client.force_login(clinic_admin)
    url = reverse("patient_care_team", kwargs={"patient_pk": patient.pk})

    assert client.post(url, {"action": "assign", "physician": other_physician.pk})["Location"] == url
    assert client.post(url, {"action": "unassign", "physician": physician.pk})["Location"] == url

    assert set(CareTeamMembership.objects.filter(patient=patient).values_list("physician", flat=True)) == {
        other_physician.pk
    }
    rows = AuditEvent.objects.filter(patient=patient, action__in=[AuditAction.ASSIGN, AuditAction.UNASSIGN])
    assert list(rows.order_by("pk").values_list("action", "object_id", "actor")) == [
        (AuditAction.ASSIGN, str(other_physician.pk), clinic_admin.pk),
        (AuditAction.UNASSIGN, str(physician.pk), clinic_admin.pk),
    ]


def test_a_deactivated_physician_does_not_count(physician, other_physician, patient, second_patient, clinic_admin):
    services.care_team_assign(actor=clinic_admin, patient=patient, physician=other_physician)
    services.care_team_assign(actor=clinic_admin, patient=second_patient, physician=other_physician)
    services.user_deactivate(actor=clinic_admin, user=physician.user)

    with pytest.raises(DomainError, match="only active physician"):
        services.care_team_unassign(actor=clinic_admin, patient=patient, physician=other_physician)


def test_a_paused_patient_may_lose_the_last_physician_but_cannot_resume_without_one(
    physician, other_physician, patient, clinic_admin
):
    services.patient_status_set(actor=clinic_admin, patient=patient, status=PatientStatus.PAUSED)
    services.care_team_unassign(actor=clinic_admin, patient=patient, physician=physician)

    with pytest.raises(DomainError, match="Assign an active physician to Maya Patel before resuming"):
        services.patient_status_set(actor=clinic_admin, patient=patient, status=PatientStatus.ACTIVE)

    services.care_team_assign(actor=clinic_admin, patient=patient, physician=other_physician)
    services.patient_status_set(actor=clinic_admin, patient=patient, status=PatientStatus.ACTIVE)
    patient.refresh_from_db()
    assert patient.status == PatientStatus.ACTIVE


def test_a_deactivated_physician_cannot_be_assigned(client, physician, other_physician, patient, clinic_admin):
    services.user_deactivate(actor=clinic_admin, user=other_physician.user)

    with pytest.raises(DomainError, match="is deactivated"):
        services.care_team_assign(actor=clinic_admin, patient=patient, physician=other_physician)
    client.force_login(clinic_admin)
    page = client.get(reverse("patient_care_team", kwargs={"patient_pk": patient.pk}))
    assert f'value="{other_physician.pk}"' not in page.content.decode()  # not offered either
