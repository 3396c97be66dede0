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


@pytest.fixture
def plan(physician, patient):
    """Maya's active plan (tests/treatment/plan_data.py): 50 mg sublingual, twice a week, 72 h apart, 160/90."""
    from tests.treatment.plan_data import PLAN

    return services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)


@pytest.fixture
def ready_patient(patient, plan, signed_v1):
    """Maya, with an active plan and the clinic's current consent signed: nothing but the check itself can hold."""
    return patient
