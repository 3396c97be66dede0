"""The dispense log: dispenses, the expected units on hand now, the counts with their expectation and result, at a
constant number of queries whatever the history."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.treatment.supply_data import completed_session
from treatment import services
from treatment.models import SupplyCount


def _dispense(physician, patient, units=10):
    return services.dispense_record(
        actor=physician.user,
        patient=patient,
        dispensed_on=timezone.localdate(),
        pharmacy="Main Street Pharmacy",
        units=units,
        strength_mg_per_unit=Decimal(25),
    )


def test_the_page_shows_the_log_the_expectation_and_the_counts(client, physician, patient, plan):
    _dispense(physician, patient, 12)
    completed_session(patient, 50, plan=plan)
    services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=10)
    services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=7)
    client.force_login(physician.user)
    body = client.get(reverse("dispense_log", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "Main Street Pharmacy" in body
    assert "10.00 units of 25.0 mg" in body
    assert "about 17.5 days" in body  # 10 units, 4 a week
    assert "Matched" in body
    assert "<strong>Mismatch</strong>" in body


def _queries(client, patient):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dispense_log", kwargs={"patient_pk": patient.pk})).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_history(client, physician, patient, plan):
    _dispense(physician, patient)
    completed_session(patient, 50, plan=plan)
    services.supply_count_record(actor=patient.user, patient=patient, units_on_hand=8)
    client.force_login(physician.user)
    _queries(client, patient)  # the first request of a session does one-off work
    few = _queries(client, patient)
    for _ in range(5):
        _dispense(physician, patient)
        completed_session(patient, 50, plan=plan)
        services.supply_count_record(actor=physician.user, patient=patient, units_on_hand=8)
    assert _queries(client, patient) == few


def test_a_physician_records_a_count_on_the_page(client, physician, patient):
    _dispense(physician, patient)
    client.force_login(physician.user)
    response = client.post(reverse("dispense_count", kwargs={"patient_pk": patient.pk}), {"units_on_hand": "10"})
    assert response.status_code == 302
    assert SupplyCount.objects.get().counted_by == physician.user


def test_a_clinic_admin_has_no_count_form(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    body = client.get(reverse("dispense_log", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "Record a count" not in body
    assert "Record a dispense" in body
    assert (
        client.post(reverse("dispense_count", kwargs={"patient_pk": patient.pk}), {"units_on_hand": "1"}).status_code
        == 403
    )
