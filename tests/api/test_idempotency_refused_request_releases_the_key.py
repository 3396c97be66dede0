"""A refused request did nothing, so its Idempotency-Key is released: the client corrects the input and retries with
the same key, and that is a new request (201), not a different body under a used key (422)."""

import pytest

from tests.api.patient_api import GOOD_CHECK, SESSIONS, make_ready, new_key, post
from treatment.models import TreatmentSession

pytestmark = pytest.mark.django_db


def test_a_400_releases_the_key_for_the_corrected_request(client, patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    client.force_login(patient.user)
    key = new_key()
    refused = post(client, SESSIONS, GOOD_CHECK | {"systolic": 1200}, key=key)
    assert refused.status_code == 400
    assert not TreatmentSession.objects.exists()
    corrected = post(client, SESSIONS, GOOD_CHECK, key=key)
    assert corrected.status_code == 201 and "Idempotent-Replayed" not in corrected
    assert TreatmentSession.objects.filter(patient=patient).count() == 1


def test_a_refusal_of_the_service_releases_the_key_too(client, patient, physician, clinic_admin):
    """A session in progress refuses a second check (a 400 from the service, not the serializer)."""
    make_ready(patient, physician, clinic_admin)
    client.force_login(patient.user)
    started = post(client, SESSIONS, GOOD_CHECK)
    key = new_key()
    assert post(client, SESSIONS, GOOD_CHECK, key=key).status_code == 400
    session_id = started.json()["session"]["id"]
    entry = {"dose_mg": "50", "route": "sublingual", "dissociation": 4, "pain_after": 3}
    assert post(client, f"{SESSIONS}{session_id}/complete/", entry).status_code == 200
    retried = post(client, SESSIONS, GOOD_CHECK, key=key)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried
