"""A patient who has not signed the clinic's current consent is sent to sign it from every page — but can still
download their own record and see who viewed it: access to one's own data does not wait for a signature."""

from django.urls import reverse


def test_my_data_pages_stay_open_before_signing(client, patient, consent_v1):
    client.force_login(patient.user)
    assert client.get(reverse("today"))["Location"].startswith(reverse("consent"))
    for name in ("my_data", "my_data_sessions", "my_data_surveys", "my_record_access"):
        assert client.get(reverse(name)).status_code == 200, name
