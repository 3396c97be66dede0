"""The care team's eligibility page and the patient's page read a screen with 1 "yes" or 11 in the same number of
queries (the reviews are prefetched, the contraindications are known without the database)."""

import pytest
from django.urls import reverse

from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from treatment import eligibility, eligibility_services

REVIEW_PAGE_QUERIES = (
    # session and user (2); their authenticator (MFA middleware, 1); patient_get, the patient with user and clinic and
    # its care team (2); the audit row (the chain's lock, its last hash, insert: 3); the patient's screens with who
    # asked and who answered (1) and their reviews with the reviewer (prefetch, 1); the physician's clinic (the
    # footer's emergency number, 1).
    11
)
PATIENT_PAGE_QUERIES = (
    # session and user (2); request.user.patient (1); the consent check (middleware, 1); patient_get, the patient with
    # user and clinic and its care team (2); the audit row (3); the screen that decides and the one waiting (1); the
    # user's clinic (the footer's emergency number, 1).
    11
)


@pytest.mark.parametrize("yes", [1, 11])
def test_the_review_page_costs_the_same_for_1_or_11_yes(client, clinic, physician, django_assert_num_queries, yes):
    patient = PatientFactory(clinic=clinic, care_team=[physician], cleared=False)
    screen = answered_screen(patient, *eligibility.ITEMS[:yes])
    # Half reviewed: the page shows the reviews beside the answers and a form for each answer still waiting.
    for item in eligibility.yes_items(screen.answers)[: yes // 2]:
        eligibility_services.eligibility_review(
            actor=physician.user, screen=screen, item=item, decision="proceed", note="Fine.", reason_to_proceed="Ok."
        )
    client.force_login(physician.user)
    url = reverse("eligibility_review", kwargs={"patient_pk": patient.pk})
    client.get(url)  # the session's first request starts its clock (one more write)
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["review_forms"]) == yes - yes // 2
    assert response.content.decode().count("Save the review") == yes - yes // 2


@pytest.mark.parametrize("yes", [1, 11])
def test_the_patient_page_costs_the_same_for_1_or_11_yes(client, clinic, physician, django_assert_num_queries, yes):
    patient = PatientFactory(clinic=clinic, care_team=[physician], cleared=False)
    answered_screen(patient, *eligibility.ITEMS[:yes])
    client.force_login(patient.user)
    client.get(reverse("eligibility"))
    with django_assert_num_queries(PATIENT_PAGE_QUERIES):
        assert client.get(reverse("eligibility")).status_code == 200
