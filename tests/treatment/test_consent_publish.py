"""A clinic admin publishes numbered consent versions of their own clinic; each publication is audited."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from tests.factories import UserFactory
from tests.treatment.conftest import CONSENT_V1, CONSENT_V2
from treatment import services
from treatment.models import ConsentVersion


def test_versions_are_numbered_from_one_per_clinic(clinic, clinic_admin, outside_clinic):
    outside_admin = UserFactory(clinic=outside_clinic)
    first = services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V1)
    second = services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)
    elsewhere = services.consent_publish(actor=outside_admin, clinic=outside_clinic, text=CONSENT_V1)
    assert (first.version, second.version, elsewhere.version) == (1, 2, 1)
    assert second.published_by == clinic_admin


def test_publishing_is_audited_as_a_created_consent_version(clinic, clinic_admin):
    version = services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V1)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="consent_version")
    assert (event.actor, event.clinic, event.object_id, event.detail) == (
        clinic_admin,
        clinic,
        str(version.pk),
        "version 1",
    )


@pytest.mark.parametrize("person", ["physician", "patient", "outside_physician"])
def test_only_a_clinic_admin_may_publish(clinic, request, person):
    with pytest.raises(DomainError, match="Only a clinic admin"):
        services.consent_publish(actor=request.getfixturevalue(person).user, clinic=clinic, text=CONSENT_V1)
    assert not ConsentVersion.objects.exists()


def test_an_admin_of_another_clinic_cannot_publish_for_this_one(clinic, outside_clinic):
    with pytest.raises(DomainError, match="your own clinic"):
        services.consent_publish(actor=UserFactory(clinic=outside_clinic), clinic=clinic, text=CONSENT_V1)
    assert not ConsentVersion.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_text_is_refused(clinic, clinic_admin, text):
    with pytest.raises(DomainError, match="cannot be empty"):
        services.consent_publish(actor=clinic_admin, clinic=clinic, text=text)


def test_the_same_text_again_is_refused(clinic, clinic_admin, consent_v1):
    with pytest.raises(DomainError, match="text of version 1 already"):
        services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V1 + "\n")
    assert ConsentVersion.objects.count() == 1


def test_the_admin_page_publishes_and_shows_the_history(client, clinic, clinic_admin, consent_v1):
    client.force_login(clinic_admin)
    response = client.post(reverse("clinic_consent"), {"text": CONSENT_V2}, follow=True)
    body = response.content.decode()
    assert "Version 2 published" in body
    assert "Publishing asks every patient to sign again" in body
    assert "Current: version 2" in body
    assert "I will report side effects to my care team." in body
    assert body.count("Alex Morgan") >= 2  # published both versions: in the current heading and the history


@pytest.mark.parametrize("person", ["physician", "patient"])
def test_the_admin_page_is_refused_to_physicians_and_patients(client, request, person):
    client.force_login(request.getfixturevalue(person).user)
    assert client.get(reverse("clinic_consent")).status_code == 403


def test_the_clinic_page_links_to_the_consent_page(client, clinic_admin):
    client.force_login(clinic_admin)
    assert reverse("clinic_consent") in client.get(reverse("clinic")).content.decode()
