"""A message is a clinical record: once sent it is never edited or deleted. No service offers a way, and PostgreSQL
refuses an UPDATE or DELETE of a message — through the ORM or raw SQL — and the DELETE of a thread, so nothing can
slip past the services."""

import inspect

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from monitoring import messages
from monitoring.models import Message, MessageThread
from tests.monitoring.message_data import BODY, patient_thread, reply

postgres_only = pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the triggers of migration 0007")


def test_no_service_edits_or_deletes_a_message():
    public = {
        name
        for name, value in inspect.getmembers(messages, inspect.isfunction)
        if value.__module__ == messages.__name__ and not name.startswith("_")
    }
    writes = {name for name in public if name.startswith("message")}
    assert writes == {"message_thread_start", "message_send", "message_thread_mark_read", "messages_unanswered_alert"}
    assert not [
        name for name in public if any(word in name for word in ("edit", "update", "delete", "change", "remove"))
    ]


@postgres_only
def test_postgresql_refuses_to_change_a_message(patient):
    message = patient_thread(patient).messages.get()
    with (
        pytest.raises(DatabaseError, match="monitoring_message rows are kept: UPDATE is not allowed"),
        transaction.atomic(),
    ):
        Message.objects.filter(pk=message.pk).update(body="I never said that.")
    with (
        pytest.raises(DatabaseError, match="UPDATE is not allowed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE monitoring_message SET body = 'I never said that.' WHERE id = %s", [message.pk])
    message.refresh_from_db()
    assert message.body == BODY


@postgres_only
def test_postgresql_refuses_to_delete_a_message_or_a_thread(patient, physician):
    thread = patient_thread(patient)
    answer = reply(thread, physician)
    with pytest.raises(DatabaseError, match="DELETE is not allowed"), transaction.atomic():
        Message.objects.filter(pk=answer.pk).delete()
    with (
        pytest.raises(DatabaseError, match="DELETE is not allowed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM monitoring_message WHERE id = %s", [answer.pk])
    with (
        pytest.raises(DatabaseError, match="DELETE is not allowed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM monitoring_messagethread WHERE id = %s", [thread.pk])
    assert Message.objects.filter(thread=thread).count() == 2
    assert MessageThread.objects.filter(pk=thread.pk).exists()
