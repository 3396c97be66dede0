"""A message is text only: trimmed, with its line breaks kept and control characters dropped; an empty one, or one
over MAX_MESSAGE characters, is refused in plain words and nothing is written. A subject is one trimmed line of up to
200 characters. Markup is kept as the text it is and shown escaped."""

import re

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import messages
from monitoring.models import MAX_MESSAGE, Message, MessageThread
from tests.monitoring.message_data import patient_thread


def test_the_text_is_trimmed_and_keeps_its_line_breaks(patient, physician):
    thread = messages.message_thread_start(
        actor=patient.user,
        patient=patient,
        subject="  Night \n  itching  ",
        body="\r\n  Line one\r\nLine\x00 two\t!  \n",
    )
    assert thread.subject == "Night itching"
    assert thread.messages.get().body == "Line one\nLine two\t!"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write your message."),
        (" \n\t ", "Write your message."),
        ("\x00\x07", "Write your message."),
        ("x" * (MAX_MESSAGE + 1), f"Keep the message to {MAX_MESSAGE} characters (it has {MAX_MESSAGE + 1})."),
    ],
)
def test_an_empty_or_overlong_message_is_refused(patient, body, message):
    thread = patient_thread(patient)
    with pytest.raises(DomainError, match=re.escape(message)):
        messages.message_send(actor=patient.user, thread=thread, body=body)
    with pytest.raises(DomainError, match=r"Write your message|Keep the message"):
        messages.message_thread_start(actor=patient.user, patient=patient, subject="Hello", body=body)
    assert Message.objects.count() == 1 and MessageThread.objects.count() == 1


def test_a_message_of_exactly_the_limit_is_sent(patient):
    thread = patient_thread(patient)
    messages.message_send(actor=patient.user, thread=thread, body="x" * MAX_MESSAGE)
    assert Message.objects.count() == 2


def test_a_subject_is_needed_and_short(patient):
    with pytest.raises(DomainError, match=re.escape("Give the conversation a subject.")):
        messages.message_thread_start(actor=patient.user, patient=patient, subject=" ", body="Hello")
    with pytest.raises(DomainError, match=r"Keep the subject to 200 characters \(it has 201\)."):
        messages.message_thread_start(actor=patient.user, patient=patient, subject="s" * 201, body="Hello")
    assert not MessageThread.objects.exists()


def test_markup_is_shown_as_text(client, patient):
    thread = patient_thread(patient, body='<script>alert("hi")</script> <b>bold</b>')
    client.force_login(patient.user)
    html = client.get(reverse("my_message_thread", kwargs={"thread_pk": thread.pk})).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in html
