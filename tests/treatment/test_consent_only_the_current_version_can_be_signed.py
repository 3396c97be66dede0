"""Only the clinic's current consent can be signed: an older version, or another clinic's, is refused."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.factories import UserFactory
from tests.treatment.conftest import CONSENT_V1, CONSENT_V2
from treatment import selectors, services
from treatment.models import ConsentSignature


def test_an_old_version_cannot_be_signed(clinic, clinic_admin, patient, consent_v1):
    services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)
    with pytest.raises(DomainError, match="not your clinic's current consent"):
        services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name="Maya Patel")
    assert not ConsentSignature.objects.exists()


def test_another_clinics_consent_cannot_be_signed(patient, outside_clinic):
    theirs = services.consent_publish(actor=UserFactory(clinic=outside_clinic), clinic=outside_clinic, text=CONSENT_V1)
    with pytest.raises(DomainError, match="not your clinic's current consent"):
        services.consent_sign(patient_user=patient.user, consent_version=theirs, typed_name="Maya Patel")


def test_staff_cannot_sign(physician, consent_v1):
    with pytest.raises(DomainError, match="Only a patient"):
        services.consent_sign(patient_user=physician.user, consent_version=consent_v1, typed_name="Elena Rivera")


def test_a_form_left_open_while_v2_was_published_asks_to_read_v2(client, clinic, clinic_admin, patient, consent_v1):
    client.force_login(patient.user)
    services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)
    response = client.post(reverse("consent"), {"typed_name": "Maya Patel", "consent_version": consent_v1.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "a newer version may have been published" in body
    assert "Sign version 2" in body
    assert not ConsentSignature.objects.exists()


def test_consent_status_names_the_current_version_and_whether_it_is_signed(clinic, clinic_admin, patient, signed_v1):
    status = selectors.consent_status(patient)
    assert (status.current.version, status.signed, status.needs_signature) == (1, True, False)
    services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)
    status = selectors.consent_status(patient)
    assert (status.current.version, status.signed, status.needs_signature) == (2, False, True)


def test_consent_status_without_a_published_consent(patient):
    status = selectors.consent_status(patient)
    assert (status.current, status.signed, status.needs_signature) == (None, False, False)
