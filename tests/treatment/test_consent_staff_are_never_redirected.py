"""Physicians and clinic admins are never sent to sign a consent, whatever the clinic has published."""

from django.urls import reverse


def test_a_physician_is_not_redirected(client, physician, consent_v1):
    client.force_login(physician.user)
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_clinic_admin_is_not_redirected(client, clinic_admin, consent_v1):
    client.force_login(clinic_admin)
    assert client.get(reverse("clinic")).status_code == 200
    assert client.get(reverse("clinic_consent")).status_code == 200


def test_the_patient_consent_page_is_not_for_staff(client, physician, consent_v1):
    client.force_login(physician.user)
    assert client.get(reverse("consent")).status_code == 403
