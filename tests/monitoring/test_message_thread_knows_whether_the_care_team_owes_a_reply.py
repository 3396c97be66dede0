"""Each message moves its thread's last activity forward and says whether the care team owes a reply: yes after the
patient writes, no after a physician does. The thread row only moves forward: an older message arriving late (two at
once) changes neither."""

import datetime as dt

from django.utils import timezone

from monitoring import messages
from monitoring.models import MessageThread
from tests.monitoring.message_data import patient_thread, physician_thread, reply


def _fresh(thread):
    return MessageThread.objects.get(pk=thread.pk)


def test_the_patient_writing_makes_the_care_team_owe_a_reply_and_a_reply_settles_it(patient, physician):
    started = physician_thread(patient, physician)
    assert _fresh(started).awaiting_care_team is False
    answer = reply(started, patient, "Fine, thanks.")
    fresh = _fresh(started)
    assert (fresh.awaiting_care_team, fresh.last_message_at) == (True, answer.sent_at)
    settled = reply(started, physician, "Good to hear.")
    fresh = _fresh(started)
    assert (fresh.awaiting_care_team, fresh.last_message_at) == (False, settled.sent_at)


def test_an_older_message_arriving_late_does_not_move_the_thread_back(patient, physician):
    thread = patient_thread(patient)
    newest = timezone.now() + dt.timedelta(minutes=5)
    MessageThread.objects.filter(pk=thread.pk).update(last_message_at=newest, awaiting_care_team=True)
    # Sent now: older than the message the thread already records (one that committed first).
    messages.message_send(actor=physician.user, thread=thread, body="Late answer.")
    fresh = _fresh(thread)
    assert (fresh.last_message_at, fresh.awaiting_care_team) == (newest, True)
