"""Publishing a new version sends a patient who signed only the old one to /consent/ on their next page, and back
to where they were going once they sign."""

from urllib.parse import urlencode

from django.urls import reverse

from tests.treatment.conftest import CONSENT_V2
from treatment import services


def test_a_patient_who_signed_v1_is_sent_to_sign_v2_on_their_next_page(
    client, clinic, clinic_admin, patient, signed_v1
):
    client.force_login(patient.user)
    assert client.get(reverse("today")).status_code == 200

    services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)

    response = client.get(reverse("today"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('consent')}?{urlencode({'next': '/today/'})}"


def test_the_consent_page_shows_the_new_version_and_signing_leads_back(
    client, clinic, clinic_admin, patient, signed_v1
):
    v2 = services.consent_publish(actor=clinic_admin, clinic=clinic, text=CONSENT_V2)
    client.force_login(patient.user)
    body = client.get(reverse("consent"), {"next": "/today/"}).content.decode()
    assert "version 2" in body and "Type your full name to sign" in body
    assert "I will report side effects to my care team." in body

    response = client.post(
        reverse("consent"), {"typed_name": "maya  patel", "consent_version": v2.pk, "next": "/today/"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert client.get(reverse("today")).status_code == 200


def test_a_next_address_on_another_site_is_ignored(client, patient, consent_v1):
    client.force_login(patient.user)
    response = client.post(
        reverse("consent"),
        {"typed_name": "Maya Patel", "consent_version": consent_v1.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("today")


def test_a_clinic_with_no_published_consent_redirects_nobody(client, patient, outside_clinic, outside_physician):
    client.force_login(patient.user)
    assert client.get(reverse("today")).status_code == 200


def test_a_patient_of_another_clinic_is_not_asked_to_sign_this_clinics_consent(client, outside_patient, consent_v1):
    client.force_login(outside_patient.user)
    assert client.get(reverse("today")).status_code == 200


def test_the_consent_page_sign_out_and_account_pages_stay_open(client, patient, consent_v1):
    client.force_login(patient.user)
    assert client.get(reverse("consent")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_change_password")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("today"))["Location"].startswith(reverse("account_login"))


def test_a_post_elsewhere_is_sent_to_consent_without_a_next(client, patient, consent_v1):
    client.force_login(patient.user)
    assert client.post(reverse("today"))["Location"] == reverse("consent")
