"""A new message queues a notification to whoever should answer it — every physician on the care team when the
patient writes, the patient when a physician writes — on each channel they have on. It says only "You have a new
message in Anodyne" and links to the thread: nothing of the subject, the text, the patient or any health word."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationPreference
from monitoring.models import Notification, NotificationChannel, NotificationKind, NotificationStatus
from monitoring.notifications import render
from tests.factories import PhysicianFactory
from tests.monitoring.message_data import hours_ago, patient_thread, reply
from tests.monitoring.test_notification_texts_carry_no_health_data import BANNED_WORDS, CANARY_NUMBERS

SUBJECT = "Ketamine 75 mg and my CRPS pain"
BODY = "After 75 mg my blood pressure was 171/105 mmHg and my PHQ-9 score is 19. Should I take oxycodone?"


@pytest.fixture
def colleague(clinic, patient):
    """A second physician on Maya's care team."""
    colleague = PhysicianFactory(clinic=clinic, user__full_name="Priya Shah", user__email="shah@sunrise.test")
    patient.care_team_memberships.create(physician=colleague, clinic=clinic)
    return colleague


def _health_words(text):
    lowered = text.lower()
    return [word for word in BANNED_WORDS if word in lowered] + [
        number for number in CANARY_NUMBERS if re.search(rf"(?<!\d){number}(?!\d)", text)
    ]


def test_the_patients_message_reaches_every_care_team_physician_and_says_nothing_of_it(patient, physician, colleague):
    thread = patient_thread(patient, subject=SUBJECT, body=BODY)
    notes = list(Notification.objects.filter(kind=NotificationKind.MESSAGE).select_related("recipient"))
    # In Anodyne and by email (the defaults) for each physician; nothing for the patient who wrote.
    assert sorted((n.recipient.full_name, n.channel) for n in notes) == [
        ("Elena Rivera", NotificationChannel.EMAIL),
        ("Elena Rivera", NotificationChannel.IN_APP),
        ("Priya Shah", NotificationChannel.EMAIL),
        ("Priya Shah", NotificationChannel.IN_APP),
    ]
    link = settings.ANODYNE_BASE_URL + reverse(
        "patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk}
    )
    for notification in notes:
        message = render(notification)
        assert message.subject == "You have a new message in Anodyne"
        assert message.link == link
        assert link in message.body
        assert _health_words(message.subject + message.body) == []
        assert "evening" not in message.body and "Maya" not in message.body


def test_a_physicians_reply_reaches_the_patient_on_their_channels(patient, physician):
    NotificationPreference.objects.create(user=patient.user, sms_enabled=True, sms_phone="+15555550123")
    thread = patient_thread(patient)
    Notification.objects.all().delete()
    reply(thread, physician, BODY)
    notes = list(Notification.objects.filter(kind=NotificationKind.MESSAGE).select_related("recipient"))
    assert {n.recipient for n in notes} == {patient.user}
    assert {n.channel for n in notes} == {
        NotificationChannel.IN_APP,
        NotificationChannel.EMAIL,
        NotificationChannel.SMS,
    }
    link = settings.ANODYNE_BASE_URL + reverse("my_message_thread", kwargs={"thread_pk": thread.pk})
    for notification in notes:
        message = render(notification)
        assert message.subject == "You have a new message in Anodyne"
        assert message.link == link
        assert _health_words(message.subject + message.body) == []
        assert not notification.urgent  # held through the patient's quiet hours by the dispatcher


def test_a_recipient_with_one_waiting_gets_no_second_until_it_is_sent(patient, physician):
    with hours_ago(2):
        thread = patient_thread(patient)
    with hours_ago(1.5):  # during the physician's quiet hours, say: the first is still waiting
        reply(thread, patient, "And another thing.")
    mine = Notification.objects.filter(recipient=physician.user, kind=NotificationKind.MESSAGE)
    assert mine.count() == 2  # in Anodyne and by email, once
    mine.update(status=NotificationStatus.SENT, sent_at=timezone.now())
    reply(thread, patient, "Sorry, one more.")
    assert mine.count() == 4


def test_an_inactive_patient_is_not_notified(patient, physician):
    thread = patient_thread(patient)
    patient.user.is_active = False
    patient.user.save(update_fields=["is_active"])
    Notification.objects.all().delete()
    reply(thread, physician)
    assert not Notification.objects.exists()
