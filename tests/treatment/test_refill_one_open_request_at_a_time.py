"""A patient has at most one open refill request (requested, or approved and awaiting the dispense): a second is
refused with the day of the first. Once it is declined or fulfilled, a new request may be made."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.refill_data import dispense, low_supply, requested
from treatment import refills
from treatment.models import RefillRequest, RefillStatus


def test_a_second_request_is_refused_while_one_is_requested(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    first = requested(ready_patient)
    with pytest.raises(DomainError, match=r"You already asked for a refill on .*: your care team has not decided yet"):
        requested(ready_patient)
    refills.refill_decide(actor=physician.user, request=first, approve=True)
    with pytest.raises(DomainError, match=r"You already asked for a refill on .*waits for the pharmacy's dispense"):
        requested(ready_patient)
    assert RefillRequest.objects.count() == 1


def test_a_new_request_after_a_decline_or_a_fulfilment(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=False, reason="Count first")
    approved = refills.refill_decide(actor=physician.user, request=requested(ready_patient), approve=True)
    dispense(physician, ready_patient, 2)
    approved.refresh_from_db()
    assert approved.status == RefillStatus.FULFILLED
    assert requested(ready_patient).status == RefillStatus.REQUESTED
    assert RefillRequest.objects.count() == 3


def test_the_page_shows_the_refusal(client, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    requested(ready_patient)
    client.force_login(ready_patient.user)
    response = client.post(reverse("refill_new"))
    assert response.status_code == 200
    assert "You already asked for a refill on" in response.content.decode()
    assert RefillRequest.objects.count() == 1


def test_the_database_refuses_a_second_open_request(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    first = requested(ready_patient)
    with pytest.raises(IntegrityError), transaction.atomic():
        RefillRequest.objects.create(
            patient=ready_patient, clinic=ready_patient.clinic, requested_by=ready_patient.user, expected_units=1
        )
    assert list(RefillRequest.objects.all()) == [first]
