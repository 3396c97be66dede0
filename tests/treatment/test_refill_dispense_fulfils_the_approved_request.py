"""An approved refill request awaits the dispense that fulfils it: recording the patient's next dispense fulfils it
in the same transaction (status fulfilled, the dispense linked). A request not yet decided is not fulfilled."""

from django.urls import reverse

from accounts.models import AuditEvent
from tests.treatment.refill_data import dispense, low_supply, requested
from treatment import refills
from treatment.models import RefillStatus


def test_the_next_dispense_fulfils_the_approved_request(client, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=True)

    client.force_login(physician.user)
    page = client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    assert "Awaiting the dispense." in page
    assert f'href="{reverse("dispense_log", kwargs={"patient_pk": ready_patient.pk})}#record-heading"' in page

    outcome = dispense(physician, ready_patient, 16)
    request.refresh_from_db()
    assert (request.status, request.dispense) == (RefillStatus.FULFILLED, outcome.dispense)
    assert AuditEvent.objects.filter(
        object_type="refill_request", object_id=str(request.pk), detail=f"fulfilled by dispense {outcome.dispense.pk}"
    ).exists()
    page = client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    assert "Awaiting the dispense." not in page
    assert "Fulfilled by" in page and "16 units of 25.0 mg" in page


def test_a_request_not_yet_decided_is_not_fulfilled(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = requested(ready_patient)
    dispense(physician, ready_patient, 16)
    request.refresh_from_db()
    assert (request.status, request.dispense) == (RefillStatus.REQUESTED, None)


def test_a_dispense_through_the_page_fulfils_it_too(client, clinic_admin, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=True)
    client.force_login(clinic_admin)
    response = client.post(
        reverse("dispense_log", kwargs={"patient_pk": ready_patient.pk}),
        {"dispensed_on": request.requested_at.date().isoformat(), "pharmacy": "Main Street Pharmacy", "units": "16",
         "strength_mg_per_unit": "25"},
    )  # fmt: skip
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RefillStatus.FULFILLED
