"""The physician's inbox lists the threads of their patients unread first, then by newest activity, each with its
patient (linked to the chart) and whether the care team owes a reply. Opening a thread marks it read; the
physician's own messages never count as unread to them."""

import re

from django.urls import reverse

from monitoring import message_selectors
from tests.monitoring.message_data import hours_ago, patient_thread, physician_thread, reply


def _subjects(html):
    return re.findall(r'<th scope="row" data-label="Conversation">.*?<a href="[^"]+">([^<]+)</a>', html, re.S)


def test_unread_threads_come_first_then_the_newest(client, patient, second_patient, physician):
    with hours_ago(30):
        old_unread = patient_thread(patient, subject="Old and unread")
    with hours_ago(5):
        read = patient_thread(second_patient, subject="Read already")
    with hours_ago(4):
        mine = physician_thread(patient, physician, subject="Started by me")
    with hours_ago(2):
        newer_unread = patient_thread(second_patient, subject="New and unread")
    client.force_login(physician.user)
    client.get(reverse("patient_message_thread", kwargs={"patient_pk": second_patient.pk, "thread_pk": read.pk}))
    html = client.get(reverse("message_inbox")).content.decode()
    assert _subjects(html) == ["New and unread", "Old and unread", "Started by me", "Read already"]
    assert html.count('class="unread-badge"') == 2
    assert f'href="{reverse("patient_chart", kwargs={"patient_pk": patient.pk})}">Maya Patel</a>' in html
    assert "Awaiting a reply" in html and "Answered" in html

    # Opening the old one reads it; the patient's answer to my thread makes that one unread.
    client.get(reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": old_unread.pk}))
    reply(mine, patient, "Much better, thank you.")
    html = client.get(reverse("message_inbox")).content.decode()
    assert _subjects(html) == ["Started by me", "New and unread", "Read already", "Old and unread"]
    assert "New and unread" in html and newer_unread.awaiting_care_team


def test_a_physicians_own_message_is_not_unread_to_them(physician, patient):
    physician_thread(patient, physician)
    (thread,) = message_selectors.inbox(user=physician.user)
    assert thread.unread is False
    (theirs,) = message_selectors.patient_threads(user=patient.user, patient=patient)
    assert theirs.unread is True
