"""A physician on the care team or a clinic admin of the patient's clinic records a dispense; a patient cannot, and
staff of another clinic see a 404."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from treatment import services
from treatment.models import Dispense

FORM = {"dispensed_on": "2026-01-05", "pharmacy": "Main Street Pharmacy", "units": "30", "strength_mg_per_unit": "25"}


def _record(actor, patient):
    return services.dispense_record(
        actor=actor,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=30,
        strength_mg_per_unit=Decimal(25),
    )


def test_a_patient_cannot_record_a_dispense(patient):
    with pytest.raises(DomainError, match="Only a physician"):
        _record(patient.user, patient)
    assert not Dispense.objects.exists()


def test_a_physician_off_the_care_team_and_other_clinics_cannot(other_physician, outside_physician, patient):
    for actor in (other_physician.user, outside_physician.user):
        with pytest.raises(DomainError):
            _record(actor, patient)
    assert not Dispense.objects.exists()


def test_a_clinic_admin_records_a_dispense_on_the_page(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    response = client.post(reverse("dispense_log", kwargs={"patient_pk": patient.pk}), FORM)
    assert response.status_code == 302
    dispense = Dispense.objects.get()
    assert (dispense.patient, dispense.recorded_by, dispense.units) == (patient, clinic_admin, 30)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="dispense", patient=patient).count() == 1


def test_another_clinics_physician_gets_404_and_records_nothing(client, outside_physician, patient):
    client.force_login(outside_physician.user)
    url = reverse("dispense_log", kwargs={"patient_pk": patient.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    assert not Dispense.objects.exists()


def test_the_patient_gets_403_on_the_clinic_page(client, patient):
    client.force_login(patient.user)
    assert client.post(reverse("dispense_log", kwargs={"patient_pk": patient.pk}), FORM).status_code == 403
    assert not Dispense.objects.exists()


def test_bad_input_is_explained_and_records_nothing(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(reverse("dispense_log", kwargs={"patient_pk": patient.pk}), FORM | {"units": "0"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert not Dispense.objects.exists()
