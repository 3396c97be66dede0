"""A patient's message unanswered past their clinic's reply time raises one medium "message_unanswered" alert for the
care team (cause "thread:<id>"), by the beat task — not before the reply time, and once per wait however often the
tick runs. A care-team reply resolves it, with the replying physician as its actor; the patient's next unanswered
message starts a new wait."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from monitoring import services, tasks
from monitoring.messages import ANSWERED_NOTE, messages_unanswered_alert
from monitoring.models import Alert, AlertEvent, AlertEventWhat, AlertKind, AlertStatus, Severity
from tests.monitoring.message_data import hours_ago, patient_thread, physician_thread, reply


def _tick(**later):
    return messages_unanswered_alert(now=timezone.now() + dt.timedelta(**later))


def test_not_before_the_clinics_reply_time(patient):
    with hours_ago(23.9):
        patient_thread(patient)
    assert _tick() == 0
    assert not Alert.objects.exists()


def test_past_it_one_medium_alert_however_often_the_tick_runs(patient):
    with hours_ago(25):
        thread = patient_thread(patient)
    assert tasks.alert_unanswered_messages() == 1
    assert tasks.alert_unanswered_messages() == 0
    assert _tick(hours=3) == 0
    alert = Alert.objects.get()
    assert (alert.patient, alert.kind, alert.severity, alert.cause, alert.status, alert.occurrences) == (
        patient,
        AlertKind.MESSAGE_UNANSWERED,
        Severity.MEDIUM,
        f"thread:{thread.pk}",
        AlertStatus.OPEN,
        1,
    )
    assert alert.summary == ("A message from the patient has waited longer than the clinic's reply time (24 hours).")


def test_the_clinics_own_reply_time_counts(patient, clinic):
    clinic.message_reply_hours = 4
    clinic.save(update_fields=["message_reply_hours"])
    with hours_ago(3.5):
        patient_thread(patient)
    assert _tick() == 0
    assert _tick(minutes=31) == 1
    assert Alert.objects.get().summary.endswith("reply time (4 hours).")


def test_the_wait_counts_from_the_first_unanswered_message(patient):
    with hours_ago(25):
        thread = patient_thread(patient)
    with hours_ago(1):
        reply(thread, patient, "Any news?")  # a second message does not restart the clock
    assert _tick() == 1


def test_a_thread_the_care_team_answered_or_started_raises_nothing(patient, physician):
    with hours_ago(30):
        answered = patient_thread(patient)
        physician_thread(patient, physician)  # the patient owes nothing
    with hours_ago(29):
        reply(answered, physician)
    assert _tick() == 0


def test_a_care_team_reply_resolves_it_with_the_physician_as_actor(patient, physician):
    with hours_ago(26):
        thread = patient_thread(patient)
    _tick()
    reply(thread, physician)
    alert = Alert.objects.get()
    assert (alert.status, alert.resolved_by, alert.resolution_note) == (
        AlertStatus.RESOLVED,
        physician.user,
        ANSWERED_NOTE,
    )
    assert AlertEvent.objects.get(alert=alert, what=AlertEventWhat.RESOLVED).actor == physician.user
    assert _tick(hours=48) == 0


def test_the_patients_next_unanswered_message_is_a_new_wait(patient, physician):
    with hours_ago(60):
        thread = patient_thread(patient)
    with hours_ago(31):
        assert messages_unanswered_alert(now=timezone.now()) == 1
    with hours_ago(30.5):
        reply(thread, physician)
    with hours_ago(30):
        reply(thread, patient, "It happened again.")
    assert _tick() == 1
    first, second = Alert.objects.order_by("pk")
    assert (first.status, second.status, second.cause) == (AlertStatus.RESOLVED, AlertStatus.OPEN, first.cause)


def test_an_alert_resolved_without_a_reply_is_not_raised_again_for_the_same_wait(patient, physician):
    with hours_ago(26):
        patient_thread(patient)
    _tick()
    services.alert_resolve(actor=physician.user, alert=Alert.objects.get(), note="Called her; all is well.")
    assert _tick(hours=1) == 0
    assert Alert.objects.count() == 1


def test_the_tick_is_on_the_beat_schedule():
    assert {
        "task": "monitoring.tasks.alert_unanswered_messages",
        "schedule": 15 * 60,
    } in settings.CELERY_BEAT_SCHEDULE.values()
