"""Message threads for the message tests, written through monitoring.messages as the pages write them.

Messages are never changed once written (PostgreSQL refuses), so a message "sent 30 hours ago" is written with the
clock moved back (time-machine), never back-dated afterwards.
"""

import datetime as dt
from contextlib import contextmanager

import time_machine
from django.utils import timezone

from monitoring import messages

SUBJECT = "Question about my next session"
BODY = "Can I take it in the evening instead of the morning?"
REPLY = "Yes, the evening is fine. Keep your sitter with you as usual."


@contextmanager
def hours_ago(hours: float):
    """Run the block as if it were `hours` ago."""
    with time_machine.travel(timezone.now() - dt.timedelta(hours=hours), tick=False):
        yield


def patient_thread(patient, *, subject=SUBJECT, body=BODY):
    """A thread the patient started, awaiting their care team."""
    return messages.message_thread_start(actor=patient.user, patient=patient, subject=subject, body=body)


def physician_thread(patient, physician, *, subject="After your last session", body="How did you feel the day after?"):
    """A thread a physician of the care team started with the patient."""
    return messages.message_thread_start(actor=physician.user, patient=patient, subject=subject, body=body)


def reply(thread, person, body=REPLY):
    """A message in the thread by the patient or a physician (a Patient or Physician, or their User)."""
    return messages.message_send(actor=getattr(person, "user", person), thread=thread, body=body)
