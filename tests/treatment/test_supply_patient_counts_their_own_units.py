"""The patient reports a count of their units on hand at /supply/: their own record, one audit row per view, and
the expected number is not shown before they count."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditAction, AuditEvent
from monitoring.models import Alert
from treatment import services
from treatment.models import SupplyCount


def test_reading_the_page_is_one_audit_row_naming_the_patient(client, patient):
    client.force_login(patient.user)
    response = client.get(reverse("supply_count"))
    assert response.status_code == 200
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.action, row.patient, row.actor) == (AuditAction.VIEW, patient, patient.user)


def test_a_count_is_saved_and_a_mismatch_is_told_without_the_expected_number(client, physician, patient):
    services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=20,
        strength_mg_per_unit=Decimal(25),
    )
    client.force_login(patient.user)
    assert "20" not in client.get(reverse("supply_count")).content.decode().split("<main", 1)[1].split("Your recent")[0]
    response = client.post(reverse("supply_count"), {"units_on_hand": "15"}, follow=True)
    assert SupplyCount.objects.get().units_on_hand == Decimal(15)
    assert "differs from what the dispensing log expects" in response.content.decode()
    assert Alert.objects.count() == 1


def test_bad_input_saves_nothing(client, patient):
    client.force_login(patient.user)
    response = client.post(reverse("supply_count"), {"units_on_hand": "-3"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert not SupplyCount.objects.exists()


def test_staff_are_refused(client, physician):
    client.force_login(physician.user)
    assert client.get(reverse("supply_count")).status_code == 403
