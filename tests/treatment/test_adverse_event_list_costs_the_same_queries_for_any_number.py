"""The care team's list of a patient's adverse events, each with its addenda, costs the same number of queries for
one adverse event or many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.treatment.record_data import reported_adverse_event
from treatment import services


def add_adverse_events(patient, physician, count):
    for number in range(count):
        adverse_event = reported_adverse_event(patient, description=f"Event {number}")
        services.addendum_add(actor=physician.user, record=adverse_event, reason="Follow-up", text=f"Note {number}")


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_one_or_five(client, physician, patient, django_assert_num_queries):
    client.force_login(physician.user)
    url = reverse("adverse_event_list", kwargs={"patient_pk": patient.pk})
    add_adverse_events(patient, physician, 1)
    client.get(url)  # the first request of a session also refreshes it
    one = queries_for(client, url)
    add_adverse_events(patient, physician, 4)
    # Session, user and MFA checks of the middleware, the patient and its care team (patient_get), its audit row
    # (lock, last hash, insert), the adverse events with reporter and session, their addenda with authors: the same
    # whatever the number of rows.
    with django_assert_num_queries(one):
        response = client.get(url)
    assert response.content.decode().count('class="addendum"') == 5
