"""A stored response is kept ANODYNE_IDEMPOTENCY_HOURS (24 by default): within them the key replays, after them the
same key starts afresh and records a new session."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from tests.api.patient_api import GOOD_CHECK, SESSIONS, make_ready, new_key, post
from treatment.models import SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db

# A held check: a held session does not stand in the way of the next check, so a fresh run records a second one.
HELD_CHECK = GOOD_CHECK | {"systolic": 170, "diastolic": 105}


def test_the_key_replays_within_its_hours_and_starts_afresh_after(client, patient, physician, clinic_admin):
    make_ready(patient, physician, clinic_admin)
    key, start = new_key(), timezone.now()
    hours = dt.timedelta(hours=settings.ANODYNE_IDEMPOTENCY_HOURS)
    with time_machine.travel(start, tick=False):
        client.logout()  # a fresh sign-in: a day idle ends a session (accounts.sessions)
        client.force_login(patient.user)
        first = post(client, SESSIONS, HELD_CHECK, key=key)
    with time_machine.travel(start + hours - dt.timedelta(minutes=1), tick=False):
        client.logout()  # a fresh sign-in: a day idle ends a session (accounts.sessions)
        client.force_login(patient.user)
        within = post(client, SESSIONS, HELD_CHECK, key=key)
    with time_machine.travel(start + hours + dt.timedelta(minutes=1), tick=False):
        client.logout()  # a fresh sign-in: a day idle ends a session (accounts.sessions)
        client.force_login(patient.user)
        after = post(client, SESSIONS, HELD_CHECK, key=key)
    assert (first.status_code, within.status_code, after.status_code) == (201, 201, 201)
    assert within["Idempotent-Replayed"] == "true" and within.json() == first.json()
    assert "Idempotent-Replayed" not in after
    assert after.json()["session"]["id"] != first.json()["session"]["id"]
    assert list(TreatmentSession.objects.filter(patient=patient).values_list("status", flat=True)) == [
        SessionStatus.HELD,
        SessionStatus.HELD,
    ]
