"""How a notification leaves the building: one small class per way of sending, all with the same send() method,
chosen by settings (healthchecks' hc/api/transports.py is the model).

`send(notification, message)` delivers `message` (monitoring.notifications.Message: subject, body, link — never
health information) to the notification's recipient and returns the provider's message id. It raises on failure;
the dispatcher retries with backoff. Each transport passes the notification's idempotency key to the provider
where the provider has a place for it (email: a stable Message-ID), so a resend after a crash is recognisable.

Settings: ANODYNE_EMAIL_TRANSPORT and ANODYNE_SMS_TRANSPORT, a short name (TRANSPORTS) or a dotted class path.
In-app notifications have no transport: they are shown from the table.
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

from monitoring.models import NotificationChannel


class Transport:
    """Sends one message to one person. Subclasses implement send()."""

    def send(self, notification, message) -> str:
        raise NotImplementedError

    @staticmethod
    def address(notification) -> str:
        """Where the message goes on the notification's channel: an email address, or a phone number for SMS (the
        person's SMS number, else a patient's profile phone)."""
        user = notification.recipient
        if user is None:  # an on-call contact without an account: email only (a database constraint)
            return notification.address
        if notification.channel != NotificationChannel.SMS:
            return user.email
        preference = getattr(user, "notification_preference", None)
        if preference is not None and preference.sms_phone:
            return preference.sms_phone
        patient = getattr(user, "patient", None)
        return patient.phone if patient is not None else ""


def message_id(notification) -> str:
    """A Message-ID that depends only on the idempotency key: the same notification sent twice carries the same id,
    so a mail provider (or the recipient's client) can tell the second for a copy of the first."""
    digest = hashlib.sha256(notification.idempotency_key.encode()).hexdigest()[:40]
    domain = urlsplit(settings.ANODYNE_BASE_URL).hostname or "anodyne.localhost"
    return f"<notification.{digest}@{domain}>"


class EmailTransport(Transport):
    """Through Django's mail (EMAIL_URL; production providers through their SMTP or django-anymail backends)."""

    def send(self, notification, message) -> str:
        msgid = message_id(notification)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[self.address(notification)],
            headers={"Message-ID": msgid, "X-Idempotency-Key": notification.idempotency_key},
        )
        email.send()
        return msgid


def _record(notification, message, *, transport: str) -> dict:
    return {
        "at": timezone.now().isoformat(),
        "transport": transport,
        "channel": notification.channel,
        "to": Transport.address(notification),
        "idempotency_key": notification.idempotency_key,
        "subject": message.subject,
        "body": message.body,
    }


class ConsoleTransport(Transport):
    """Development: prints each message on standard output."""

    def send(self, notification, message) -> str:
        print(json.dumps(_record(notification, message, transport="console")), file=sys.stdout, flush=True)
        return f"console:{notification.idempotency_key}"


def _append_line(path: Path, line: str) -> None:
    """One write to a file opened with O_APPEND: lines from several processes never interleave (a write of a short
    line to a regular file opened for appending is atomic on Linux and macOS)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


class FileTransport(Transport):
    """Development: appends each message as a JSON line to ANODYNE_VAR_DIR/notifications.jsonl."""

    def send(self, notification, message) -> str:
        _append_line(
            settings.VAR_DIR / "notifications.jsonl",
            json.dumps(_record(notification, message, transport="file")) + "\n",
        )
        return f"file:{notification.idempotency_key}"


class RecordingTransport(Transport):
    """Tests: a fake provider that records one line per accepted message — its idempotency key and the sending process's id — in
    ANODYNE_RECORDING_TRANSPORT_DIR/sent.log, shared by every process (worker subprocesses included).

    It accepts the message only when the call returns (after ANODYNE_RECORDING_TRANSPORT_DELAY_MS, the time a real
    provider takes), so a worker killed during the call has sent nothing. It does NOT deduplicate: a key recorded
    twice is a duplicate the tests count.
    """

    FILE_NAME = "sent.log"

    def send(self, notification, message) -> str:
        delay_ms = settings.ANODYNE_RECORDING_TRANSPORT_DELAY_MS
        if delay_ms:
            time.sleep(delay_ms / 1000)
        _append_line(self.path(), f"{notification.idempotency_key}\t{os.getpid()}\n")
        return f"recorded:{notification.idempotency_key}"

    @classmethod
    def path(cls) -> Path:
        return Path(settings.ANODYNE_RECORDING_TRANSPORT_DIR) / cls.FILE_NAME

    @classmethod
    def recorded_keys(cls) -> list[str]:
        return [line.split("\t")[0] for line in cls.recorded_lines()]

    @classmethod
    def recorded_lines(cls) -> list[str]:
        """Each accepted message as "idempotency key<TAB>process id"."""
        path = cls.path()
        return path.read_text().splitlines() if path.exists() else []


TRANSPORTS = {
    "email": "monitoring.transports.EmailTransport",
    "console": "monitoring.transports.ConsoleTransport",
    "file": "monitoring.transports.FileTransport",
    "recording": "monitoring.transports.RecordingTransport",
}


def transport_for(channel: str) -> Transport:
    """The transport the settings choose for an email or SMS channel."""
    setting = {
        NotificationChannel.EMAIL: settings.ANODYNE_EMAIL_TRANSPORT,
        NotificationChannel.SMS: settings.ANODYNE_SMS_TRANSPORT,
    }[channel]
    return import_string(TRANSPORTS.get(setting, setting))()
