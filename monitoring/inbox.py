"""In-app notifications: the short unread list on the patient's Today and the physician's dashboard, and "mark as
read". An in-app row is shown once the dispatcher has delivered it (status sent), so it appears at the same moment
as its email would, held back by nothing (quiet hours do not apply to a page the person opens)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from anodyne.errors import DomainError
from monitoring.models import Notification, NotificationChannel, NotificationStatus
from monitoring.notifications import render

INBOX_SIZE = 5


@dataclass(frozen=True)
class InboxItem:
    pk: int
    subject: str
    path: str  # the page inside Anodyne (the rendered link without the site's address)
    sent_at: object


def _unread(user: User):
    return Notification.objects.filter(
        recipient=user, channel=NotificationChannel.IN_APP, status=NotificationStatus.SENT, read_at__isnull=True
    )


def inbox_unread(*, user: User, limit: int = INBOX_SIZE) -> list[InboxItem]:
    """The person's newest unread in-app notifications, rendered (one query, plus one count per digest shown)."""
    if not user.is_authenticated:
        return []
    rows = _unread(user).select_related("recipient").order_by("-sent_at", "-pk")[:limit]
    items = []
    for row in rows:
        message = render(row)
        path = message.link.removeprefix(settings.ANODYNE_BASE_URL) or "/"
        items.append(InboxItem(pk=row.pk, subject=message.subject, path=path, sent_at=row.sent_at))
    return items


@transaction.atomic
def notification_mark_read(*, actor: User, notification_pk: int) -> int:
    """Mark one of the actor's own in-app notifications read. Someone else's, or none, is not found."""
    mine = Notification.objects.filter(pk=notification_pk, recipient=actor, channel=NotificationChannel.IN_APP)
    if not mine.exists():
        raise DomainError("There is no such notification.", code="not_found")
    return mine.filter(read_at__isnull=True).update(read_at=timezone.now())
