"""Platform operators read patients through the Django admin; those reads are audited too."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, User
from tests.factories import give_totp


@pytest.fixture
def operator(db):
    user = User.objects.create_superuser(email="ops@anodyne.test", password="operator-password-1", full_name="Ops")
    give_totp(user)
    return user


def test_opening_a_patient_in_the_django_admin_is_audited(client, operator, patient):
    client.force_login(operator)
    response = client.get(reverse("admin:accounts_patient_change", args=[patient.pk]))
    assert response.status_code == 200
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.actor, row.action, row.patient) == (operator, AuditAction.VIEW, patient)


def test_the_django_admins_patient_list_audits_every_patient_shown(client, operator, patient, second_patient):
    client.force_login(operator)
    response = client.get(reverse("admin:accounts_patient_changelist"))
    listed = AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST)
    assert {row.patient for row in listed} == {patient, second_patient}
