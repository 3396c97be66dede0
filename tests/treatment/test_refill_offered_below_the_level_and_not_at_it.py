"""The offer "Request a refill" shows on Today and the supply page when the expected units on hand fall below the plan's
refill level (refill_at_sessions sessions' worth: dose / strength x sessions) — exactly at the level it is not; nor
with nothing dispensed, without an active plan, or while a request is open."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.treatment.refill_data import requested, supply_of
from treatment import services
from treatment.supply import below_refill_level

OFFER = ">Request a refill</button>"
# The test plan: 50 mg a session; 25 mg units; level 2 sessions -> 4 units.
LEVEL = {"dose_mg": Decimal(50), "strength_mg_per_unit": Decimal(25), "refill_at_sessions": 2}


@pytest.mark.parametrize(("units", "below"), [("3.99", True), ("4", False), ("4.01", False), ("0", True), ("-1", True)])
def test_the_rule_is_strictly_below_the_level(units, below):
    assert below_refill_level(units_on_hand=Decimal(units), **LEVEL) is below


def test_the_level_follows_the_plan(physician, patient, plan):
    assert below_refill_level(units_on_hand=Decimal(5), **(LEVEL | {"refill_at_sessions": 3})) is True
    version = services.plan_revise(
        actor=physician.user, plan=plan, reason="Longer pharmacy lead time", refill_at_sessions=3
    )
    assert version.refill_at_sessions == 3


def _pages(client, patient) -> list[str]:
    client.force_login(patient.user)
    return [client.get(reverse(name)).content.decode() for name in ("today", "supply_count")]


def test_offered_just_below_the_level(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=5, taken_mg="37.5")  # 3.5 units: below 4
    for body in _pages(client, ready_patient):
        assert OFFER in body
        assert f'action="{reverse("refill_new")}"' in body


def test_not_offered_at_the_level(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=5, taken_mg="25")  # exactly 4 units
    for body in _pages(client, ready_patient):
        assert OFFER not in body


def test_a_higher_level_offers_sooner(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=5, taken_mg="25")  # 4 units: at 2 sessions, below 3
    services.plan_revise(actor=physician.user, plan=plan, reason="Longer pharmacy lead time", refill_at_sessions=3)
    for body in _pages(client, ready_patient):
        assert OFFER in body


def test_not_offered_with_nothing_dispensed_or_without_an_active_plan(client, physician, ready_patient, plan):
    for body in _pages(client, ready_patient):
        assert OFFER not in body
    supply_of(physician, ready_patient, plan, dispensed=3)
    services.plan_pause(actor=physician.user, plan=plan, reason="Travelling")
    for body in _pages(client, ready_patient):
        assert OFFER not in body


def test_an_open_request_replaces_the_offer_with_its_status(client, physician, ready_patient, plan):
    supply_of(physician, ready_patient, plan, dispensed=3)
    requested(ready_patient)
    for body in _pages(client, ready_patient):
        assert OFFER not in body
        assert "You asked for a refill on" in body
        assert "Your care team has not decided yet." in body
