"""Consent fixtures on top of the cast (tests/conftest.py): the clinic's published versions and a signature."""

import pytest

from treatment import services

CONSENT_V1 = "I understand that ketamine is taken at home with a sitter present.\n\nI will not drive afterwards."
CONSENT_V2 = CONSENT_V1 + "\n\nI will report side effects to my care team."


@pytest.fixture
def consent_v1(clinic, clinic_admin):
    return services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V1)


@pytest.fixture
def signed_v1(patient, consent_v1):
    return services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name="Maya Patel")
