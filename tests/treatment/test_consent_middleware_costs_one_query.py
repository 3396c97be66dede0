"""The consent check costs a patient's request exactly one query, and staff's none."""

import pytest
from django.db import connection
from django.test import Client, modify_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from treatment import services

MIDDLEWARE = "treatment.middleware.ConsentRequiredMiddleware"
# Today without the check: session, user (authentication), request.user.patient, the patient with user and clinic
# through the audited selector, their care team (prefetch), the audited read (chain lock, last hash,
# insert), the clinic (the footer's emergency number); and Today's sessions (treatment.session_selectors.
# today_sessions): the plan in force with its version, the session in progress, the next scheduled session, the last
# five sessions (with no plan, as here, the last dose taken is not read); the check-ins due (monitoring's
# surveys_due tag); the unread in-app notifications (monitoring's notifications_inbox tag); the latest refill request
# (treatment.refill_selectors.refill_offer: with no plan the supply is not read); the latest eligibility screen
# (the eligibility_card tag).
TODAY_WITHOUT_THE_CHECK = 17


def _settled_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("today"))  # settles the session clock, whose first write is not part of the cost
    return client


def test_today_costs_one_query_more_with_the_check(patient, signed_v1, django_assert_num_queries):
    # A client loads the middleware on its first request: this one never has the check.
    with modify_settings(MIDDLEWARE={"remove": MIDDLEWARE}):
        without_check = _settled_client(patient.user)
        with django_assert_num_queries(TODAY_WITHOUT_THE_CHECK):
            assert without_check.get(reverse("today")).status_code == 200

    with_check = _settled_client(patient.user)
    # + one: SELECT EXISTS(this patient's signature of v) FROM the clinic's versions v, latest first, LIMIT 1.
    with django_assert_num_queries(TODAY_WITHOUT_THE_CHECK + 1):
        assert with_check.get(reverse("today")).status_code == 200


def test_the_check_costs_the_same_when_the_clinic_published_nothing(patient, django_assert_num_queries):
    client = _settled_client(patient.user)
    with django_assert_num_queries(TODAY_WITHOUT_THE_CHECK + 1):
        assert client.get(reverse("today")).status_code == 200


@pytest.mark.parametrize("extra_versions", [1, 5])
def test_the_check_costs_the_same_however_many_versions_were_published(
    clinic, clinic_admin, patient, django_assert_num_queries, extra_versions
):
    for number in range(extra_versions):
        version = services.consent_publish(actor=clinic_admin, clinic=clinic, text=f"Consent text {number}")
        services.consent_sign(patient_user=patient.user, consent_version=version, typed_name="Maya Patel")
    client = _settled_client(patient.user)
    with django_assert_num_queries(TODAY_WITHOUT_THE_CHECK + 1):
        assert client.get(reverse("today")).status_code == 200


def test_the_check_costs_staff_nothing(client, physician, consent_v1):
    client.force_login(physician.user)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dashboard"))
    assert queries.captured_queries
    assert not [query for query in queries.captured_queries if "treatment_consent" in query["sql"]]
