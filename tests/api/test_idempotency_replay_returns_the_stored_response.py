"""A retried session start (same Idempotency-Key, same body) gets the stored response with `Idempotent-Replayed:
true` and starts no second session; the same key with a different body is a 422 and does nothing."""

import pytest

from tests.api.patient_api import GOOD_CHECK, SESSIONS, make_ready, new_key, post
from treatment.models import TreatmentSession

pytestmark = pytest.mark.django_db


def test_a_replay_returns_the_stored_response_and_starts_no_second_session(client, maya):
    key = new_key()
    first = post(client, SESSIONS, GOOD_CHECK, key=key)
    again = post(client, SESSIONS, GOOD_CHECK, key=key)
    assert first.status_code == again.status_code == 201
    assert "Idempotent-Replayed" not in first
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    # A second real check would have been refused (a session is in progress): this was the stored answer.
    assert TreatmentSession.objects.filter(patient=maya).count() == 1


def test_the_same_key_with_a_different_body_is_422_and_does_nothing(client, maya):
    key = new_key()
    assert post(client, SESSIONS, GOOD_CHECK | {"systolic": 170}, key=key).status_code == 201
    response = post(client, SESSIONS, GOOD_CHECK, key=key)
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "idempotency_key_reused"
    assert TreatmentSession.objects.filter(patient=maya).count() == 1


def test_keys_are_per_person(client, maya, second_patient, physician, clinic_admin):
    """James's key is not Maya's: the same value starts his own session."""
    make_ready(second_patient, physician, clinic_admin)
    key = new_key()
    post(client, SESSIONS, GOOD_CHECK, key=key)
    client.force_login(second_patient.user)
    response = post(client, SESSIONS, GOOD_CHECK, key=key)
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert TreatmentSession.objects.filter(patient=second_patient).count() == 1
