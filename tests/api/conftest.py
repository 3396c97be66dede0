"""Fixtures shared by the tests of the API."""

import pytest

from tests.api.patient_api import make_ready


@pytest.fixture
def maya(client, patient, physician, clinic_admin):
    """Maya ready to dose (the clinic's consent signed, the test plan active) and signed in. A test module that needs
    her signed in but not ready defines its own `maya`, which takes precedence over this one."""
    make_ready(patient, physician, clinic_admin)
    client.force_login(patient.user)
    return patient
