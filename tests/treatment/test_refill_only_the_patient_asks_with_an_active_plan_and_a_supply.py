"""Only the patient asks for their own refill, and only with an active plan and a recorded dispense (otherwise there
is no supply to refill). The request keeps the expected units on hand and the patient's note."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from tests.treatment.refill_data import low_supply
from treatment import refills, services
from treatment.models import RefillRequest, RefillStatus


def test_the_patient_asks_and_the_request_keeps_the_supply_then(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = refills.refill_request(actor=ready_patient.user, patient=ready_patient, note="  Away next week  ")
    assert (request.status, request.expected_units, request.note, request.requested_by) == (
        RefillStatus.REQUESTED,
        3,
        "Away next week",
        ready_patient.user,
    )
    row = AuditEvent.objects.get(object_type="refill_request")
    assert (row.action, row.patient, row.detail) == (AuditAction.CREATE, ready_patient, "")


@pytest.mark.parametrize("someone", ["physician", "clinic_admin", "second_patient", "outside_patient"])
def test_nobody_else_asks_for_the_patient(request, physician, ready_patient, plan, someone):
    low_supply(physician, ready_patient, plan)
    person = request.getfixturevalue(someone)
    with pytest.raises(DomainError, match="Only the patient asks"):
        refills.refill_request(actor=getattr(person, "user", person), patient=ready_patient)
    assert not RefillRequest.objects.exists()


def test_no_request_without_an_active_plan(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    services.plan_pause(actor=physician.user, plan=plan, reason="Travelling")
    with pytest.raises(DomainError, match="no active treatment plan"):
        refills.refill_request(actor=ready_patient.user, patient=ready_patient)
    assert not RefillRequest.objects.exists()


def test_no_request_before_anything_was_dispensed(ready_patient):
    with pytest.raises(DomainError, match="No dispense is recorded for you yet"):
        refills.refill_request(actor=ready_patient.user, patient=ready_patient)
    assert not RefillRequest.objects.exists()


def test_the_page_sends_the_request_and_the_supply_page_confirms_it(client, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    client.force_login(ready_patient.user)
    response = client.post(reverse("refill_new"), {"note": "Running low"}, follow=True)
    assert response.redirect_chain == [(reverse("supply_count"), 302)]
    body = response.content.decode()
    assert "Your refill request was sent to your care team." in body
    assert "You asked for a refill on" in body
    assert RefillRequest.objects.get().note == "Running low"
