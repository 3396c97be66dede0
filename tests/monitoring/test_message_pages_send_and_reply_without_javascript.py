"""The whole conversation works with plain forms: the patient writes to the care team, the physician answers from
the inbox, the patient answers back; the physician starts a conversation from the patient's chart. A message that
is empty or too long is refused on the page with a plain message, and nothing is sent."""

from django.urls import reverse

from monitoring.models import MAX_MESSAGE, Message, MessageThread
from tests.monitoring.message_data import BODY, REPLY, SUBJECT


def test_a_patient_writes_and_the_physician_answers(client, patient, physician):
    client.force_login(patient.user)
    response = client.post(reverse("my_message_new"), {"subject": SUBJECT, "body": BODY})
    thread = MessageThread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("my_message_thread", kwargs={"thread_pk": thread.pk})
    assert (thread.patient, thread.subject, thread.started_by, thread.awaiting_care_team) == (
        patient,
        SUBJECT,
        patient.user,
        True,
    )

    client.force_login(physician.user)
    inbox = client.get(reverse("message_inbox")).content.decode()
    url = reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk})
    assert f'href="{url}">{SUBJECT}</a>' in inbox
    assert BODY in client.get(url).content.decode()
    response = client.post(url, {"body": REPLY})
    assert response.status_code == 302 and response["Location"] == url + "#latest"
    assert "Message sent." in client.get(url).content.decode()

    client.force_login(patient.user)
    mine = reverse("my_message_thread", kwargs={"thread_pk": thread.pk})
    assert REPLY in client.get(mine).content.decode()
    client.post(mine, {"body": "Thank you!"})
    assert list(Message.objects.values_list("author", "body")) == [
        (patient.user.pk, BODY),
        (physician.user.pk, REPLY),
        (patient.user.pk, "Thank you!"),
    ]


def test_a_physician_starts_a_conversation_from_the_chart(client, patient, physician):
    client.force_login(physician.user)
    new = reverse("patient_message_new", kwargs={"patient_pk": patient.pk})
    assert f'href="{new}"' in client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    response = client.post(new, {"subject": "Your next review", "body": "Can we talk on Friday?"})
    thread = MessageThread.objects.get()
    assert response["Location"] == reverse(
        "patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk}
    )
    assert (thread.started_by, thread.awaiting_care_team) == (physician.user, False)


def test_an_empty_or_overlong_message_is_refused_on_the_page(client, patient):
    client.force_login(patient.user)
    response = client.post(reverse("my_message_new"), {"subject": "   ", "body": " \n "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The message was not sent" in html
    assert "Give the conversation a subject." in html and "Write your message." in html
    response = client.post(reverse("my_message_new"), {"subject": SUBJECT, "body": "x" * (MAX_MESSAGE + 1)})
    assert f"Ensure this value has at most {MAX_MESSAGE} characters" in response.content.decode()
    assert not MessageThread.objects.exists()
