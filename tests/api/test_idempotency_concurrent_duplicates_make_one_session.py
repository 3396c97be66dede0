"""Two requests with the same Idempotency-Key at the same moment (a phone retrying on a flaky network) start exactly
one session: the other gets 409 (the first is still running) or the stored response. Real PostgreSQL, two threads,
each with its own connection."""

import threading

import pytest
from django.db import connection
from django.test import Client

from tests.api.patient_api import GOOD_CHECK, SESSIONS, make_ready, new_key, post
from treatment.models import TreatmentSession


@pytest.mark.django_db(transaction=True)
def test_two_requests_with_the_same_key_at_once_start_one_session(patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    key = new_key()
    start = threading.Barrier(2, timeout=30)
    responses, failures = [], []

    def send():
        try:
            client = Client()
            client.force_login(patient.user)
            start.wait()
            responses.append(post(client, SESSIONS, GOOD_CHECK, key=key))
        except Exception as error:  # surfaced below: an assertion in a thread would be lost
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert sorted(response.status_code for response in responses) in ([201, 201], [201, 409])
    first = next(r for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r)
    other = next(response for response in responses if response is not first)
    if other.status_code == 201:
        assert other["Idempotent-Replayed"] == "true" and other.json() == first.json()
    else:
        assert other.json()["errors"][0]["code"] == "idempotency_key_in_use"
    assert TreatmentSession.objects.filter(patient=patient).count() == 1
