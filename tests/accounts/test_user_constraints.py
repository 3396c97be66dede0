"""Rules about users that the database itself keeps."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import Role, User
from tests.factories import UserFactory


def test_an_email_address_belongs_to_one_account_whatever_its_case(clinic):
    UserFactory(clinic=clinic, email="maya@example.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="MAYA@example.test", full_name="Maya", role=Role.PATIENT, clinic=clinic)])


def test_emails_are_stored_in_lower_case(clinic):
    user = User.objects.create_user(
        email="Dr.Rivera@Example.TEST", full_name="Elena Rivera", role=Role.PHYSICIAN, clinic=clinic
    )
    assert user.email == "dr.rivera@example.test"


def test_a_clinic_user_cannot_exist_without_a_clinic(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="x@example.test", full_name="X", role=Role.PHYSICIAN, clinic=None)])


def test_a_platform_operator_belongs_to_no_clinic(clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="o@example.test", full_name="O", role=Role.OPERATOR, clinic=clinic)])


def test_only_operators_reach_the_django_admin(clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    email="a@example.test",
                    full_name="A",
                    role=Role.CLINIC_ADMIN,
                    clinic=clinic,
                    is_staff=True,
                )
            ]
        )


def test_an_unknown_role_is_refused(clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="n@example.test", full_name="N", role="nurse", clinic=clinic)])
