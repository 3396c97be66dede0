"""/outcomes/ is for physicians and clinic admins: a patient gets 403, someone signed out goes to sign in."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["physician", "clinic_admin"])
def test_staff_see_the_page(client, request, who):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    response = client.get(reverse("clinic_outcomes"))
    assert response.status_code == 200
    assert "<h1>Outcomes" in response.content.decode()


def test_a_patient_gets_403(client, patient):
    client.force_login(patient.user)
    assert client.get(reverse("clinic_outcomes")).status_code == 403


def test_signed_out_goes_to_sign_in(client, db):
    response = client.get(reverse("clinic_outcomes"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
