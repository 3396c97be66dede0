"""The patient sees who on the care team answered, by name and role ("Dr. Elena Rivera, your physician"), and when —
on the list of their conversations and in the conversation itself; the care team sees the patient named as such."""

from django.urls import reverse

from tests.monitoring.message_data import REPLY, hours_ago, patient_thread, reply


def test_the_list_and_the_thread_name_who_answered_and_when(client, patient, physician):
    with hours_ago(3):
        answered = patient_thread(patient, subject="About my dose")
    with hours_ago(2):
        reply(answered, physician)
    waiting = patient_thread(patient, subject="About my sitter")

    client.force_login(patient.user)
    listing = client.get(reverse("my_messages")).content.decode()
    assert "Last answered by Dr. Elena Rivera, your physician, <time" in listing
    assert "Not answered yet." in listing
    assert listing.index("About my sitter") < listing.index("About my dose")  # newest activity first
    assert listing.count('class="unread-badge"') == 1  # the answer is new to her

    html = client.get(reverse("my_message_thread", kwargs={"thread_pk": answered.pk})).content.decode()
    assert "Last answered by Dr. Elena Rivera, your physician, <time" in html
    assert '<span class="message-author" id="message-' in html
    assert ">Dr. Elena Rivera, your physician</span>" in html
    assert ">You</span>" in html
    assert REPLY in html
    assert 'class="unread-badge"' not in client.get(reverse("my_messages")).content.decode()

    html = client.get(reverse("my_message_thread", kwargs={"thread_pk": waiting.pk})).content.decode()
    assert "Your care team has not answered yet." in html

    client.force_login(physician.user)
    html = client.get(
        reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": answered.pk})
    ).content.decode()
    assert ">Maya Patel, patient</span>" in html
    assert ">Dr. Elena Rivera (you)</span>" in html
