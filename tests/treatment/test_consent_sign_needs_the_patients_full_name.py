"""A patient signs by typing their full name; case and spacing do not matter, a different name is refused."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from treatment import services
from treatment.models import ConsentSignature


@pytest.mark.parametrize("typed", ["Maya Patal", "Maya", "Patel Maya", ""])
def test_signing_with_a_wrong_name_is_refused(patient, consent_v1, typed):
    with pytest.raises(DomainError, match="does not match the name on your account"):
        services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name=typed)
    assert not ConsentSignature.objects.exists()
    assert not AuditEvent.objects.filter(object_type="consent_signature").exists()


@pytest.mark.parametrize("typed", ["Maya Patel", "  maya   PATEL ", "MAYA\tpatel"])
def test_the_name_matches_whatever_its_case_and_spacing(patient, consent_v1, typed):
    signature = services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name=typed)
    assert signature.patient == patient and signature.consent_version == consent_v1


def test_a_signature_is_audited_with_the_patient(patient, consent_v1):
    signature = services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name="Maya Patel")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="consent_signature")
    assert (event.actor, event.patient, event.object_id, event.detail) == (
        patient.user,
        patient,
        str(signature.pk),
        "version 1",
    )


def test_the_page_shows_the_message_and_keeps_the_patient_there(client, patient, consent_v1):
    client.force_login(patient.user)
    response = client.post(reverse("consent"), {"typed_name": "Someone Else", "consent_version": consent_v1.pk})
    assert response.status_code == 200
    assert "does not match the name on your account" in response.content.decode()
    assert not ConsentSignature.objects.exists()
    assert client.get(reverse("today"))["Location"].startswith(reverse("consent"))


def test_the_page_keeps_the_address_ip_and_browser_of_the_signature(client, patient, consent_v1):
    client.force_login(patient.user)
    client.post(
        reverse("consent"),
        {"typed_name": "Maya Patel", "consent_version": consent_v1.pk},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="PhoneBrowser/1.0",
    )
    signature = ConsentSignature.objects.get()
    assert (signature.ip, signature.user_agent, signature.typed_name) == (
        "203.0.113.7",
        "PhoneBrowser/1.0",
        "Maya Patel",
    )
