"""The care team's refill page marks an early request visibly, with how long the supply on hand would have lasted when
it was asked for; a request on time carries no mark."""

from django.urls import reverse

from tests.treatment.refill_data import low_supply, requested, supply_of
from tests.treatment.supply_data import completed_session
from treatment import refills, services


def test_an_early_request_is_marked_with_the_days_left(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=8, taken_mg="25")  # 7 units: 12.25 days
    requested(ready_patient)
    client.force_login(physician.user)
    body = client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    assert "Early: the supply on hand would last 12.2 more days" in body


def test_the_days_are_those_of_the_request_not_of_today(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=8, taken_mg="25")
    request = requested(ready_patient)
    refills.refill_decide(actor=physician.user, request=request, approve=False, reason="Too early.")
    # A later dose and a new dose per session change today's supply, not what the request said.
    completed_session(ready_patient, 50, plan=plan)
    services.plan_revise(actor=physician.user, plan=plan, reason="Titrated", dose_mg=75, max_single_dose_mg=100)
    client.force_login(physician.user)
    body = client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    assert "Early: the supply on hand would last 12.2 more days" in body


def test_a_request_on_time_is_not_marked(client, physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    requested(ready_patient)
    client.force_login(physician.user)
    body = client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    assert "Early:" not in body
