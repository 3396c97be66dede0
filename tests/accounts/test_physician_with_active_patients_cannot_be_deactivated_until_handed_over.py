"""A physician who is the only active physician of active patients cannot be deactivated until those patients are
handed over; the refusal says how many patients need a new physician."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, PatientStatus
from anodyne.errors import DomainError
from tests.factories import PatientFactory


def test_the_service_refuses_and_counts_the_patients(physician, patient, second_patient, clinic_admin):
    with pytest.raises(DomainError, match="the only physician of 2 active patients") as refused:
        services.user_deactivate(actor=clinic_admin, user=physician.user)

    assert refused.value.code == "handover_needed"
    physician.user.refresh_from_db()
    assert physician.user.is_active
    assert not AuditEvent.objects.filter(action=AuditAction.DEACTIVATE).exists()


def test_the_confirmation_page_offers_the_hand_over_instead(client, physician, patient, second_patient, clinic_admin):
    client.force_login(clinic_admin)
    url = reverse("staff_deactivate", kwargs={"user_pk": physician.user.pk})

    page = client.get(url)
    assert "the only physician of 2 active patients" in page.content.decode()
    assert reverse("staff_handover", kwargs={"user_pk": physician.user.pk}) in page.content.decode()

    refused = client.post(url)
    assert refused.status_code == 200
    assert "Nothing was changed" in refused.content.decode()
    physician.user.refresh_from_db()
    assert physician.user.is_active


def test_after_the_hand_over_the_physician_can_be_deactivated(
    physician, other_physician, patient, second_patient, clinic_admin
):
    services.care_team_reassign(actor=clinic_admin, from_physician=physician, to_physician=other_physician)

    services.user_deactivate(actor=clinic_admin, user=physician.user)

    physician.user.refresh_from_db()
    assert not physician.user.is_active


def test_patients_with_another_active_physician_do_not_hold_it_up(clinic, physician, other_physician, clinic_admin):
    PatientFactory(clinic=clinic, care_team=[physician, other_physician])

    services.user_deactivate(actor=clinic_admin, user=physician.user)

    physician.user.refresh_from_db()
    assert not physician.user.is_active


def test_a_deactivated_colleague_does_not_count_as_the_other_physician(
    clinic, physician, other_physician, clinic_admin
):
    PatientFactory.create_batch(2, clinic=clinic, care_team=[physician, other_physician])
    services.user_deactivate(actor=clinic_admin, user=other_physician.user)

    with pytest.raises(DomainError, match="the only physician of 2 active patients"):
        services.user_deactivate(actor=clinic_admin, user=physician.user)


@pytest.mark.parametrize("status", [PatientStatus.PAUSED, PatientStatus.DISCHARGED])
def test_patients_who_are_not_active_do_not_hold_it_up(clinic, physician, clinic_admin, status):
    PatientFactory(clinic=clinic, care_team=[physician], status=status)

    services.user_deactivate(actor=clinic_admin, user=physician.user)

    physician.user.refresh_from_db()
    assert not physician.user.is_active
