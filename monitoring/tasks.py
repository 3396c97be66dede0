"""Monitoring's periodic tasks. They take no health data (no arguments), re-read the rows and call a service, so a
second run, or two at once, changes nothing more: assignments are unique per patient, instrument and slot, and an
assignment expires (and alerts) only once, moved with filter(status=due).update(...)."""

from dataclasses import asdict

from celery import shared_task
from django.utils import timezone

from monitoring import messages, notifications, reminders, services


@shared_task
def schedule_surveys() -> int:
    """Every 15 minutes: for each active patient, the intake battery (once) and the regular check-ins whose period
    has begun, in batches of a constant number of queries (monitoring.services.surveys_schedule_all). Returns how
    many assignments were added."""
    return services.surveys_schedule_all(now=timezone.now())


@shared_task
def expire_surveys() -> int:
    """Every 15 minutes: due surveys past their expiry become expired, each with a low survey-overdue alert."""
    return services.surveys_expire(now=timezone.now())


@shared_task
def produce_notifications() -> dict:
    """Every 5 minutes: queue the session reminders, check-in reminders, missed-session nudges, digests and
    escalations now due (monitoring.reminders), and cancel pending ones whose reason went away. Idempotent: each
    row's key is unique, so a second tick, or two at once, queues nothing more."""
    return asdict(reminders.notifications_produce(now=timezone.now()))


@shared_task
def dispatch_notifications() -> int:
    """Every minute: send every due notification, batch after batch. Safe twice and in parallel (rows are claimed
    with SKIP LOCKED); a tick missed while beat or Redis was down changes nothing, the next sends what is due."""
    return notifications.dispatch_all_due().sent


@shared_task
def alert_unanswered_messages() -> int:
    """Every 15 minutes: a thread whose patient has waited past the clinic's reply time raises one medium
    "message_unanswered" alert (monitoring.messages.messages_unanswered_alert). Safe twice and in parallel: one alert
    per wait, the thread row locked while it is raised."""
    return messages.messages_unanswered_alert(now=timezone.now())
