"""A dispense is recorded through the API by a care-team physician or a clinic admin (treatment.services
dispense_record) and needs an Idempotency-Key: a retry with the same key records it once and answers the same; an
early refill is flagged. A count of units on hand (supply_count_record) by a care-team physician keeps the expected
units and flags a mismatch of more than one unit. The dispensing log and the counts read newest first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Alert, AlertKind
from tests.api.staff_data import login, write
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import Dispense, SupplyCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_a_plan(patient, physician):
    """Maya with an active plan: 50 mg twice a week, which the supply is measured against."""
    services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    return patient


DISPENSE = {"pharmacy": "Main St Pharmacy", "units": 30, "strength_mg_per_unit": "50.0"}


def _dispenses(patient):
    return reverse("api:patient_dispenses", kwargs={"patient_pk": patient.pk})


def _counts(patient):
    return reverse("api:patient_counts", kwargs={"patient_pk": patient.pk})


def _today():
    return timezone.localdate().isoformat()


def test_a_dispense_needs_a_key_and_a_retry_records_it_once(client, on_a_plan, clinic_admin):
    login(client, clinic_admin)
    body = {**DISPENSE, "dispensed_on": _today()}
    response = client.post(_dispenses(on_a_plan), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "Idempotency-Key"

    first = write(client, "post", _dispenses(on_a_plan), body, key="dispense-1")
    again = write(client, "post", _dispenses(on_a_plan), body, key="dispense-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert first.json()["dispense"]["units"] == 30 and first.json()["early_refill"] is False
    assert Dispense.objects.count() == 1

    second = write(client, "post", _dispenses(on_a_plan), body, key="dispense-2")
    assert second.json()["early_refill"] is True  # 30 units on hand would still last more than 7 days
    assert Alert.objects.filter(patient=on_a_plan, kind=AlertKind.DISPENSE_MISMATCH).exists()
    log = client.get(_dispenses(on_a_plan)).json()["results"]
    assert [entry["id"] for entry in log] == [second.json()["dispense"]["id"], first.json()["dispense"]["id"]]


def test_the_services_checks_refuse_a_dispense(client, on_a_plan, physician):
    login(client, physician)
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = write(client, "post", _dispenses(on_a_plan), {**DISPENSE, "dispensed_on": tomorrow})
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "The day it was dispensed cannot be in the future."
    assert not Dispense.objects.exists()


def test_a_count_keeps_the_expected_units_and_flags_a_mismatch(client, on_a_plan, physician):
    login(client, physician)
    write(client, "post", _dispenses(on_a_plan), {**DISPENSE, "dispensed_on": _today()})
    matching = write(client, "post", _counts(on_a_plan), {"units_on_hand": "30"})
    assert matching.status_code == 201
    assert (matching.json()["count"]["expected_units"], matching.json()["mismatch"]) == ("30.00", False)
    off = write(client, "post", _counts(on_a_plan), {"units_on_hand": "27.5"})
    assert off.json()["mismatch"] is True
    counts = client.get(_counts(on_a_plan)).json()["results"]
    assert [count["units_on_hand"] for count in counts] == ["27.5", "30.0"]
    assert SupplyCount.objects.count() == 2


def test_a_clinic_admin_records_dispenses_but_not_counts(client, on_a_plan, clinic_admin):
    login(client, clinic_admin)
    response = write(client, "post", _counts(on_a_plan), {"units_on_hand": "3"})
    assert response.status_code == 403
    assert not SupplyCount.objects.exists()
