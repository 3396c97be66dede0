import logging

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts import audit

logger = logging.getLogger(__name__)


@shared_task
def purge_expired_sessions() -> int:
    """Delete sessions past their expiry (Django keeps them otherwise). Safe to run twice or in parallel."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def verify_audit_chain() -> int:
    """Daily: recompute the audit trail's hash chain and log an error naming any broken row."""
    checked, problems = audit.verify_chain()
    for problem in problems:
        logger.error("audit trail broken at event %s: %s", problem.event_id, problem.message)
    logger.info("audit trail checked: %s rows, %s problems", checked, len(problems))
    return len(problems)
