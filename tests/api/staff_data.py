"""People, requests and records for the tests of the staff API and the FHIR export, on top of the cast
(tests/conftest.py). Import the fixtures into a test module to use them."""

import json
import uuid

import pytest

from accounts import invitations
from monitoring.models import AlertKind, Severity
from tests.factories import PhysicianFactory, UserFactory, give_totp
from tests.monitoring.conftest import raise_alert


@pytest.fixture
def outside_admin(outside_clinic):
    """The clinic admin of the other clinic: sees everything of theirs, nothing of Sunrise's."""
    admin = UserFactory(clinic=outside_clinic, full_name="Robin Lee", email="admin@harbor.test")
    give_totp(admin)
    return admin


def login(client, person):
    """Sign `person` (a cast member: a user, or a patient or physician profile) in with the session."""
    client.force_login(getattr(person, "user", person))
    return client


def write(client, method: str, url: str, data=None, *, key: str | None = None):
    """A POST or PATCH with a JSON body and a fresh Idempotency-Key (or `key`)."""
    return client.generic(
        method.upper(),
        url,
        data=json.dumps(data or {}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
    )


def alert_of(patient, *, cause="session:42", kind=AlertKind.DOSE_HELD, severity=Severity.HIGH):
    return raise_alert(patient, kind=kind, severity=severity, cause=cause, summary=f"Alert about {cause}.")


def colleague(clinic, *, full_name="Priya Shah", email=None):
    """Another physician of the clinic, with an authenticator and no patients."""
    physician = PhysicianFactory(clinic=clinic, user__full_name=full_name, **({"user__email": email} if email else {}))
    give_totp(physician.user)
    return physician


def invitation_of(admin, *, email="new.physician@example.org"):
    """A physician invited by the clinic admin (the email goes out after commit: never, inside a test)."""
    return invitations.invitation_create(
        actor=admin,
        email=email,
        full_name="Kim Park",
        role="physician",
        profile={"licence_number": f"A{abs(hash(email)) % 10**6:06d}", "licence_state": "CA",
                 "board_certification": "Anesthesiology — Pain Medicine"},
        base_url="https://anodyne.test/",
    )  # fmt: skip
