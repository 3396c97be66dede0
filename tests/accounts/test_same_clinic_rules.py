"""A care team never spans two clinics: the service refuses it, and on PostgreSQL the database does too."""

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from accounts import services
from accounts.models import CareTeamMembership
from anodyne.errors import DomainError

postgres_only = pytest.mark.skipif(
    not settings.POSTGRES_AVAILABLE, reason="composite foreign keys exist on PostgreSQL only"
)


def test_adding_a_physician_of_another_clinic_to_a_care_team_is_refused(patient, outside_physician):
    with pytest.raises(DomainError, match="of their own clinic"):
        services.care_team_add(patient=patient, physician=outside_physician)
    assert not CareTeamMembership.objects.filter(physician=outside_physician, patient=patient).exists()


def test_adding_a_deactivated_physician_is_refused(patient, other_physician):
    other_physician.user.is_active = False
    other_physician.user.save()
    with pytest.raises(DomainError, match="deactivated"):
        services.care_team_add(patient=patient, physician=other_physician)


def test_adding_the_same_physician_twice_keeps_one_membership(patient, physician):
    services.care_team_add(patient=patient, physician=physician)
    assert patient.care_team_memberships.count() == 1


@postgres_only
def test_the_database_refuses_a_membership_whose_physician_is_of_another_clinic(patient, outside_physician):
    with pytest.raises(IntegrityError), transaction.atomic():
        CareTeamMembership.objects.create(patient=patient, physician=outside_physician, clinic=patient.clinic)
        # The keys are deferred to the end of the transaction, as Django's own are.
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@postgres_only
def test_the_database_refuses_a_patient_whose_clinic_is_not_their_users(patient, outside_clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        type(patient).objects.filter(pk=patient.pk).update(clinic=outside_clinic)
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
