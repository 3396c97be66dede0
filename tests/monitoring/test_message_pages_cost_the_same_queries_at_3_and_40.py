"""The inbox and a thread's pages cost the same number of queries — under 15 — with 3 threads or messages as with
40; and the reply-time tick reads the same number of queries with 3 or 40 threads waiting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring.messages import messages_unanswered_alert
from tests.factories import PatientFactory
from tests.monitoring.message_data import hours_ago, patient_thread, reply


def _threads(clinic, physician, count):
    for number in range(count):
        patient = PatientFactory(clinic=clinic, care_team=[physician])
        thread = patient_thread(patient, subject=f"Question {number}")
        if number % 2:
            reply(thread, physician)


def test_the_inbox_costs_the_same_queries_at_3_and_40_threads(client, clinic, physician, django_assert_num_queries):
    client.force_login(physician.user)
    url = reverse("message_inbox")
    _threads(clinic, physician, 3)
    client.get(url)  # the session's first request starts its clock (one more write)
    # The session; the physician; their authenticator (MFA middleware); the count and the page of threads with their
    # patients, unread flags and last authors (annotations); the listed patients' audit rows (chain lock, last hash,
    # one insert); the clinic (time zone, banner and footer).
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.content.decode().count('data-label="Conversation"') == 3
    assert len(small.captured_queries) < 15

    _threads(clinic, physician, 37)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert "40 conversations" in html
    assert html.count('data-label="Conversation"') == 25  # one page


@pytest.mark.parametrize("reader", ["patient", "physician"])
def test_a_thread_page_costs_the_same_queries_at_3_and_40_messages(
    client, request, patient, physician, reader, django_assert_num_queries
):
    thread = patient_thread(patient)
    reply(thread, physician)
    reply(thread, patient, "Thank you.")
    user = request.getfixturevalue(reader).user
    client.force_login(user)
    if reader == "patient":
        url = reverse("my_message_thread", kwargs={"thread_pk": thread.pk})
    else:
        url = reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk})
    client.get(url)  # the session's clock; the thread is read up to its last message
    # The session; the reader (and, for the physician, their authenticator; for the patient, the consent check and
    # their patient row); the patient and their care team (patient_get); its audit row (chain lock, last hash, insert);
    # the thread with the reader's unread flag; its messages with their authors (one prefetch). Nothing new to mark
    # read; the clinic comes with the patient (banner and footer).
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    queries = len(small.captured_queries)  # read now: the next request empties the connection's log
    assert response.content.decode().count('class="message-item') == 3
    assert queries < 15

    for number in range(37):
        reply(thread, physician if number % 2 else patient, f"Message {number}.")
    client.get(url)  # reads the new messages (one more write, once)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.content.decode().count('class="message-item') == 40


def test_the_reply_time_tick_reads_the_same_queries_for_3_or_40_waiting_threads(
    clinic, physician, django_assert_num_queries
):
    with hours_ago(30):
        _waiting(clinic, physician, 3)
    messages_unanswered_alert(now=timezone.now())
    # The waiting threads not yet alerted for this wait: one query, whatever their number (none here).
    with CaptureQueriesContext(connection) as small:
        assert messages_unanswered_alert(now=timezone.now()) == 0
    with hours_ago(30):
        _waiting(clinic, physician, 37)
    messages_unanswered_alert(now=timezone.now())
    with django_assert_num_queries(len(small.captured_queries)):
        assert messages_unanswered_alert(now=timezone.now()) == 0
    assert len(small.captured_queries) == 1


def _waiting(clinic, physician, count):
    for number in range(count):
        patient_thread(PatientFactory(clinic=clinic, care_team=[physician]), subject=f"Waiting {number}")
