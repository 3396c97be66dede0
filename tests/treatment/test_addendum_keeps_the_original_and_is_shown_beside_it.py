"""A correction is an addendum with a reason and an author: the original record stays exactly as it was, and the
addendum is shown beside it on the pages that show the record."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from tests.treatment.record_data import completed_session, reported_adverse_event
from treatment import services
from treatment.models import Addendum, AdverseEvent, TreatmentSession


def snapshot(record):
    return {field.attname: getattr(record, field.attname) for field in type(record)._meta.concrete_fields}


def test_an_addendum_to_an_adverse_event_keeps_the_original(patient, physician):
    adverse_event = reported_adverse_event(patient, severity="moderate")
    before = snapshot(AdverseEvent.objects.get())

    addendum = services.addendum_add(
        actor=physician.user,
        record=adverse_event,
        reason="Severity after review",
        text="On review this was severe: she needed urgent care.",
    )

    assert snapshot(AdverseEvent.objects.get()) == before
    assert (addendum.record_type, addendum.adverse_event, addendum.author, addendum.patient) == (
        "adverse_event",
        adverse_event,
        physician.user,
        patient,
    )


def test_an_addendum_to_a_completed_session_keeps_the_original(ready_patient):
    session = completed_session(ready_patient)
    before = snapshot(TreatmentSession.objects.get())

    services.addendum_add(
        actor=ready_patient.user, record=session, reason="Time taken", text="I took it at 8 pm, not 7 pm."
    )

    assert snapshot(TreatmentSession.objects.get()) == before
    assert Addendum.objects.get().session == session


def test_the_addendum_is_audited_as_an_update_of_the_record_without_its_text(patient, physician):
    adverse_event = reported_adverse_event(patient)
    services.addendum_add(actor=physician.user, record=adverse_event, reason="Follow-up", text="Resolved by day 3.")
    row = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert (row.actor, row.object_type, row.object_id, row.patient, row.detail) == (
        physician.user,
        "adverse_event",
        str(adverse_event.pk),
        patient,
        "addendum",
    )


@pytest.mark.parametrize("reader", ["patient", "physician", "clinic_admin"])
def test_the_adverse_event_list_shows_the_addendum_beside_the_original(client, request, patient, physician, reader):
    adverse_event = reported_adverse_event(patient, description="Dizzy and sick for two hours.")
    services.addendum_add(actor=physician.user, record=adverse_event, reason="Follow-up", text="Resolved by day 3.")
    person = request.getfixturevalue(reader)
    client.force_login(getattr(person, "user", person))
    url = (
        reverse("adverse_event_list_mine")
        if reader == "patient"
        else reverse("adverse_event_list", kwargs={"patient_pk": patient.pk})
    )

    html = client.get(url).content.decode()

    item = html[html.index(f'id="adverse-event-{adverse_event.pk}"') :]
    item = item[: item.index("</li>")]
    assert item.index("Dizzy and sick for two hours.") < item.index("Resolved by day 3.")
    assert "Follow-up" in item and physician.user.full_name in item


def test_the_addendum_page_adds_one_and_shows_it_with_the_original(client, ready_patient, physician):
    session = completed_session(ready_patient)
    client.force_login(physician.user)
    url = reverse("session_addendum", kwargs={"patient_pk": ready_patient.pk, "session_pk": session.pk})

    response = client.post(url, {"reason": "Route", "text": "Taken buccally, per phone call."}, follow=True)

    html = response.content.decode()
    assert "The addendum was added beside the original record." in html
    assert html.index("Felt calm afterwards.") < html.index("Taken buccally, per phone call.")
    assert TreatmentSession.objects.get().notes == "Felt calm afterwards."


def test_an_addendum_without_a_reason_or_text_adds_nothing(client, patient, physician):
    adverse_event = reported_adverse_event(patient)
    client.force_login(physician.user)
    url = reverse("adverse_event_addendum", kwargs={"patient_pk": patient.pk, "adverse_event_pk": adverse_event.pk})

    response = client.post(url, {"reason": "", "text": "  "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why you are adding to this record." in html and "Write the addendum." in html
    assert not Addendum.objects.exists()
