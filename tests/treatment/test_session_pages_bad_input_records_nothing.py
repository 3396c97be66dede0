"""A typing error or a missing answer on the session pages is explained and records nothing."""

from django.urls import reverse

from tests.treatment.session_page_data import CHECK_FORM
from treatment.models import TreatmentSession


def test_an_implausible_reading_is_explained_and_records_nothing(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"systolic": "1200"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was recorded" in body
    assert "Systolic blood pressure (the upper number)" in body
    assert not TreatmentSession.objects.exists()


def test_a_missing_pain_answer_is_explained_and_records_nothing(client, ready_patient):
    client.force_login(ready_patient.user)
    form = {key: value for key, value in CHECK_FORM.items() if key != "pain_now"}
    response = client.post(reverse("session_new"), form)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not TreatmentSession.objects.exists()


def test_a_half_second_reading_is_explained_and_records_nothing(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"remeasured_systolic": "150"})
    assert response.status_code == 200
    assert "Enter the second reading in full" in response.content.decode()
    assert not TreatmentSession.objects.exists()
