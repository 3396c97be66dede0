"""A refill is declined only with a reason (the patient reads it); an approval needs none. A decision is made once."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.refill_data import low_supply, requested
from treatment import refills
from treatment.models import RefillStatus


def test_the_service_refuses_a_decline_without_a_reason(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = requested(ready_patient)
    for blank in ("", "   "):
        with pytest.raises(DomainError, match="Say why you decline the refill"):
            refills.refill_decide(actor=physician.user, request=request, approve=False, reason=blank)
    request.refresh_from_db()
    assert request.status == RefillStatus.REQUESTED
    declined = refills.refill_decide(
        actor=physician.user, request=request, approve=False, reason="Please count your supply first."
    )
    assert (declined.status, declined.decision_reason) == (RefillStatus.DECLINED, "Please count your supply first.")


def test_the_page_shows_the_refusal_and_the_patient_reads_the_reason(client, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = requested(ready_patient)
    client.force_login(physician.user)
    url = reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})
    response = client.post(url, {"refill": request.pk, "decision": "decline", "reason": ""})
    assert response.status_code == 200
    assert "Say why you decline the refill: the patient reads your reason." in response.content.decode()
    client.post(url, {"refill": request.pk, "decision": "decline", "reason": "Please count your supply first."})
    request.refresh_from_db()
    assert request.status == RefillStatus.DECLINED

    client.force_login(ready_patient.user)
    for name in ("today", "supply_count"):
        body = client.get(reverse(name)).content.decode()
        assert "was declined by Elena Rivera: “Please count your supply first.”" in body


def test_a_decision_is_made_once(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    request = requested(ready_patient)
    refills.refill_decide(actor=physician.user, request=request, approve=True)
    with pytest.raises(DomainError, match="already decided: approved, awaiting the dispense"):
        refills.refill_decide(actor=physician.user, request=request, approve=False, reason="Changed my mind")
