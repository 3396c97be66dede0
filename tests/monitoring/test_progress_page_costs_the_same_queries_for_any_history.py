"""The progress page reads a patient's whole history in a constant number of queries, for the patient and for the
care team: the same count for one week of history as for twelve."""

import pytest
import time_machine
from django.urls import reverse

from tests.monitoring.outcome_data import days
from tests.monitoring.progress_data import history

# Progress itself is 4 queries (monitoring.progress_selectors): the sessions, the responses, the outcome, the MME
# rows. The rest is every page's: the session and the user (2); the consent check (patients only, 1); the patient
# (request.user.patient for the patient's own page, or the visibility check of patient_page) and patient_get with
# its care team (3); the audit row (the chain's lock, its last hash, insert: 3); the clinic of
# the footer's emergency number (1); saving the session (3).
QUERIES = {"patient": 17, "physician": 16}


@pytest.mark.parametrize("weeks", [1, 12])
@pytest.mark.parametrize("who", ["patient", "physician"])
def test_the_progress_page_queries_do_not_grow(client, patient, physician, django_assert_num_queries, weeks, who):
    history(patient, weeks=weeks)
    if who == "patient":
        client.force_login(patient.user)
        url = reverse("my_progress")
    else:
        client.force_login(physician.user)
        url = reverse("patient_progress", kwargs={"patient_pk": patient.pk})
    with time_machine.travel(days(90), tick=False), django_assert_num_queries(QUERIES[who]):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') == 5
