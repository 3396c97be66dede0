"""Every page that names a patient answers 404 to anyone who may not see them — found by walking the URLconf.

A new view that takes `patient_pk` but forgets Patient.objects.visible_to fails here without a new test.
"""

import pytest
from django.urls import reverse

from tests.patient_urls import insider_cases, patient_url_names

PATIENT_URL_NAMES = patient_url_names()


def test_the_walk_finds_the_patient_pages():
    assert "patient_detail" in PATIENT_URL_NAMES


@pytest.mark.parametrize("url_name", PATIENT_URL_NAMES)
@pytest.mark.parametrize("outsider", ["second_patient", "other_physician", "outside_physician", "outside_patient"])
def test_an_outsider_gets_404_for_a_patients_page(client, request, url_name, outsider, patient):
    person = request.getfixturevalue(outsider)
    client.force_login(getattr(person, "user", person))
    response = client.get(reverse(url_name, kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 404
    assert patient.user.full_name not in response.content.decode()


@pytest.mark.parametrize(("url_name", "insider"), insider_cases())
def test_the_patient_and_their_clinic_see_the_page(client, request, url_name, insider, patient):
    person = request.getfixturevalue(insider)
    client.force_login(getattr(person, "user", person))
    response = client.get(reverse(url_name, kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    assert patient.user.full_name in response.content.decode()


def test_a_patient_id_that_does_not_exist_is_the_same_404(client, physician, patient):
    client.force_login(physician.user)
    missing = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk + 1000}))
    assert missing.status_code == 404
