"""Every message page says, before any message, that messages are not for emergencies, with the clinic's emergency
number, and how soon the care team usually answers (the clinic's reply time)."""

import pytest
from django.urls import reverse

from tests.monitoring.message_data import BODY, patient_thread

EMERGENCY = "Messages are not for emergencies. In an emergency call"
REPLY_TIME = "Your care team usually answers within 12 hours."


@pytest.fixture
def thread(clinic, patient):
    clinic.emergency_number = "112"
    clinic.message_reply_hours = 12
    clinic.save(update_fields=["emergency_number", "message_reply_hours"])
    return patient_thread(patient)


def _pages(patient, thread):
    return [
        ("patient", reverse("my_messages")),
        ("patient", reverse("my_message_new")),
        ("patient", reverse("my_message_thread", kwargs={"thread_pk": thread.pk})),
        ("physician", reverse("message_inbox")),
        ("physician", reverse("patient_message_new", kwargs={"patient_pk": patient.pk})),
        ("physician", reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk})),
    ]


def test_every_message_page_leads_with_the_emergency_number_and_the_reply_time(
    client, request, patient, physician, thread
):
    for reader, url in _pages(patient, thread):
        client.force_login(request.getfixturevalue(reader).user)
        html = client.get(url).content.decode()
        assert f'{EMERGENCY} <a href="tel:112">112</a>.' in html, url
        assert REPLY_TIME in html, url
        if BODY in html:
            assert html.index(EMERGENCY) < html.index(BODY), url
