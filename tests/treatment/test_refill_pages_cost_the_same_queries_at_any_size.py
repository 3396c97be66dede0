"""The refill pages — the care team's list, and the patient's Today, supply page and request page with their offer —
cost the same number of queries for one request, dose or dispense as for many."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.treatment.refill_data import dispense, requested
from tests.treatment.supply_data import completed_session
from treatment import refills


def _history(physician, patient, plan, size: int):
    """`size` dispenses, `size` doses and `size` early requests (all but the last declined): every row kind a page
    reads grows with the size."""
    for number in range(size):
        dispense(physician, patient, 20)
        completed_session(patient, 25, plan=plan, taken_at=timezone.now() - dt.timedelta(minutes=30 + number))
        request = requested(patient)
        if number < size - 1:
            refills.refill_decide(actor=physician.user, request=request, approve=False, reason=f"Not yet ({number})")


@pytest.mark.parametrize("size", [1, 6])
def test_the_care_teams_refill_page(client, physician, ready_patient, plan, django_assert_num_queries, size):
    _history(physician, ready_patient, plan, size)
    client.force_login(physician.user)
    url = reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})
    client.get(url)  # settles the session
    # session, user, MFA check, the patient and their care team (patient_get), its audit row (chain lock, last hash,
    # insert), the requests with who asked, who decided and the dispense, the plan versions and the dispenses (the days
    # left of the early requests), the clinic in the footer.
    with django_assert_num_queries(12):
        body = client.get(url).content.decode()
    assert body.count("Early: the supply on hand would last") == size


@pytest.mark.parametrize("size", [1, 6])
def test_the_patients_today(client, physician, ready_patient, plan, django_assert_num_queries, size):
    _history(physician, ready_patient, plan, size)
    client.force_login(ready_patient.user)
    client.get(reverse("today"))
    # As in tests/treatment/test_today_shows_the_session_to_start_or_continue.py (20), and the doses taken: with a
    # dispense, refill_offer reads the completed sessions' doses too.
    with django_assert_num_queries(21):
        body = client.get(reverse("today")).content.decode()
    assert "You asked for a refill on" in body


@pytest.mark.parametrize("size", [1, 6])
def test_the_patients_supply_page(client, physician, ready_patient, plan, django_assert_num_queries, size):
    _history(physician, ready_patient, plan, size)
    client.force_login(ready_patient.user)
    client.get(reverse("supply_count"))
    # session, user, consent check, the patient's id, the patient with user and clinic and their care team
    # (patient_get), its audit row (5), the latest refill request with who decided it, the active plan's version, the
    # dispenses, the doses, the last ten counts, the clinic in the footer.
    with django_assert_num_queries(15):
        body = client.get(reverse("supply_count")).content.decode()
    assert "You asked for a refill on" in body


@pytest.mark.parametrize("size", [1, 6])
def test_the_patients_request_page(client, physician, ready_patient, plan, django_assert_num_queries, size):
    _history(physician, ready_patient, plan, size)
    client.force_login(ready_patient.user)
    client.get(reverse("refill_new"))
    # As the supply page, without the counts.
    with django_assert_num_queries(14):
        body = client.get(reverse("refill_new")).content.decode()
    assert "You asked for a refill on" in body
