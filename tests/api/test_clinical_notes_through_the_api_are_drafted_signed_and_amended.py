"""Clinical notes through the API, as on the notes pages (monitoring.notes): a care-team physician writes a draft —
their own until signed, invisible to anyone else — changes it, signs it; a signed note is final (a change is a 409)
and is corrected by an addendum from any care-team physician. A note may be about one of the patient's sessions or
alerts, never another patient's (404). A clinic admin reads signed notes but writes none (403)."""

import pytest
from django.urls import reverse

from monitoring.models import ClinicalNote
from tests.api.staff_data import alert_of, login, write
from tests.monitoring.review_data import colleague_on_care_team, completed

pytestmark = pytest.mark.django_db


def _notes(patient):
    return reverse("api:patient_notes", kwargs={"patient_pk": patient.pk})


def _note(patient, pk, *tail):
    name = "api:patient_note_addenda" if tail else "api:patient_note"
    return reverse(name, kwargs={"patient_pk": patient.pk, "note_pk": pk})


def test_a_draft_is_its_authors_until_signed_then_final_and_amended(client, patient, physician):
    colleague = colleague_on_care_team(patient)
    login(client, physician)
    response = write(client, "post", _notes(patient), {"text": "Draft: call back about the dizziness."})
    assert response.status_code == 201
    draft = response.json()
    assert draft["signed_at"] is None

    login(client, colleague)
    assert client.get(_notes(patient)).json()["results"] == []
    assert client.get(_note(patient, draft["id"])).status_code == 404

    login(client, physician)
    changed = write(client, "patch", _note(patient, draft["id"]), {"text": "Called back: dizziness settled."})
    assert changed.json()["text"] == "Called back: dizziness settled."
    signed = write(client, "patch", _note(patient, draft["id"]), {"sign": True})
    assert signed.json()["signed_at"] is not None
    refused = write(client, "patch", _note(patient, draft["id"]), {"text": "Rewritten."})
    assert refused.status_code == 409
    assert "signed and final" in refused.json()["errors"][0]["detail"]

    login(client, colleague)
    response = write(client, "post", _note(patient, draft["id"], "addenda"), {"text": "Seen again on Friday."})
    assert response.status_code == 201
    (note,) = client.get(_notes(patient)).json()["results"]
    assert note["text"] == "Called back: dizziness settled."
    assert [(a["author"]["full_name"], a["text"]) for a in note["addenda"]] == [("Priya Shah", "Seen again on Friday.")]


def test_a_note_about_a_session_or_an_alert_of_this_patient_only(client, patient, second_patient, physician):
    session, alert = completed(patient), alert_of(patient)
    login(client, physician)
    response = write(
        client, "post", _notes(patient), {"text": "About both.", "sign": True, "session": session.pk, "alert": alert.pk}
    )
    assert (response.json()["session"], response.json()["alert"]) == (session.pk, alert.pk)
    others = completed(second_patient)
    assert write(client, "post", _notes(patient), {"text": "Wrong one.", "session": others.pk}).status_code == 404
    assert ClinicalNote.objects.count() == 1


def test_a_clinic_admin_reads_signed_notes_but_writes_none(client, patient, physician, clinic_admin):
    login(client, physician)
    note = write(client, "post", _notes(patient), {"text": "Signed at once.", "sign": True}).json()
    login(client, clinic_admin)
    assert [n["id"] for n in client.get(_notes(patient)).json()["results"]] == [note["id"]]
    assert write(client, "post", _notes(patient), {"text": "Admin note."}).status_code == 403
    assert write(client, "post", _note(patient, note["id"], "addenda"), {"text": "Admin."}).status_code == 403
    assert ClinicalNote.objects.count() == 1
