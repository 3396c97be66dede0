"""Reading a thread is a view of the patient's record: one audit row per page, naming the reader and the patient —
for the patient's own page and the care team's alike. Writing is audited too (a thread started, a message sent),
and no audit row ever holds a word of the message. The inbox audits each patient it lists."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.monitoring.message_data import BODY, SUBJECT, patient_thread


def _rows(response):
    return list(AuditEvent.objects.filter(request_id=response["X-Request-ID"]))


def test_each_view_of_a_thread_is_one_audit_row_naming_the_patient(client, patient, physician):
    thread = patient_thread(patient)
    for user, url in (
        (patient.user, reverse("my_message_thread", kwargs={"thread_pk": thread.pk})),
        (physician.user, reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk})),
    ):
        client.force_login(user)
        for _ in range(2):  # every view, not only the first
            response = client.get(url)
            assert response.status_code == 200
            (row,) = _rows(response)
            assert (row.actor, row.action, row.patient, row.outcome) == (
                user,
                AuditAction.VIEW,
                patient,
                AuditOutcome.SUCCESS,
            )


def test_writing_is_audited_without_the_words(client, patient, physician):
    client.force_login(patient.user)
    response = client.post(reverse("my_message_new"), {"subject": SUBJECT, "body": BODY})
    assert response.status_code == 302
    rows = _rows(response)
    assert sorted((r.action, r.object_type) for r in rows) == [
        (AuditAction.CREATE, "message"),
        (AuditAction.CREATE, "message_thread"),
        (AuditAction.VIEW, "patient"),
    ]
    assert all(r.patient == patient and r.actor == patient.user for r in rows)
    for row in AuditEvent.objects.all():
        assert "evening" not in row.detail.lower() and "session" not in row.detail.lower()


def test_the_inbox_audits_each_patient_it_lists(client, patient, second_patient, physician):
    patient_thread(patient)
    patient_thread(patient, subject="Second question")
    patient_thread(second_patient)
    client.force_login(physician.user)
    response = client.get(reverse("message_inbox"))
    rows = _rows(response)
    assert sorted((r.action, r.patient.pk) for r in rows) == sorted(
        [(AuditAction.LIST, patient.pk), (AuditAction.LIST, second_patient.pk)]
    )
