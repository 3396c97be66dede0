"""Held with a reading above 180/120: the emergency instructions, with the clinic's number as a tel: link, come
before anything else on the page (CLINICAL.md sections 2 and 6)."""

from django.urls import reverse

from tests.treatment.session_page_data import CHECK_FORM
from treatment.models import TreatmentSession


def test_the_emergency_number_comes_first(client, clinic, ready_patient):
    clinic.emergency_number = "112"
    clinic.save(update_fields=["emergency_number"])
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"systolic": "190", "diastolic": "100"}, follow=True)
    body = response.content.decode()
    assert TreatmentSession.objects.get().severe_hypertension
    main = body[body.index("<main") :]
    assert main.index('href="tel:112"') < main.index("Do not take a dose now") < main.index("has been told")
    assert 'Call <a href="tel:112">112</a> now if you have chest pain' in main


def test_a_hold_below_180_120_shows_no_emergency_box(client, ready_patient):
    client.force_login(ready_patient.user)
    body = client.post(
        reverse("session_new"), CHECK_FORM | {"systolic": "170", "diastolic": "105"}, follow=True
    ).content.decode()
    assert "Do not take a dose now" in body and "Your blood pressure is very high" not in body
