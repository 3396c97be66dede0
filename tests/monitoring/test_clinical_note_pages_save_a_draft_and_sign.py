"""The notes pages without JavaScript: "Save draft" keeps a draft its author can change; "Sign" makes it final at
once or later; a note may be about one of the patient's sessions or alerts (`?session=` / `?alert=`), never another
patient's; bad text changes nothing and says why; a signed note's page offers an addendum, not an edit."""

from django.urls import reverse

from monitoring.models import ClinicalNote
from tests.monitoring.conftest import raise_alert
from tests.monitoring.review_data import completed


def _new(patient, **query):
    url = reverse("clinical_note_new", kwargs={"patient_pk": patient.pk})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _detail(note):
    return reverse("clinical_note_detail", kwargs={"patient_pk": note.patient_id, "note_pk": note.pk})


def test_save_a_draft_change_it_then_sign_it(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(_new(patient), {"text": "First thoughts.", "save": "1"})
    note = ClinicalNote.objects.get()
    assert response.url == _detail(note)
    assert (note.text, note.is_signed) == ("First thoughts.", False)

    page = client.get(_detail(note)).content.decode()
    assert "Save draft" in page and "First thoughts." in page
    client.post(_detail(note), {"text": "Second thoughts.", "save": "1"})
    note.refresh_from_db()
    assert (note.text, note.is_signed) == ("Second thoughts.", False)

    client.post(_detail(note), {"text": "Final words.", "sign": "1"})
    note.refresh_from_db()
    assert (note.text, note.is_signed) == ("Final words.", True)
    page = client.get(_detail(note)).content.decode()
    assert "Save draft" not in page and "Add an addendum" in page

    # A POST to the signed note's page changes nothing.
    response = client.post(_detail(note), {"text": "Rewritten.", "save": "1"}, follow=True)
    assert "This note is signed and final: add an addendum to correct it." in response.content.decode()
    note.refresh_from_db()
    assert note.text == "Final words."


def test_a_note_about_a_session_or_an_alert(client, physician, patient, second_patient):
    session = completed(patient)
    alert = raise_alert(patient, cause=f"session:{session.pk}")
    client.force_login(physician.user)
    assert "About the session of" in client.get(_new(patient, session=session.pk)).content.decode()
    client.post(_new(patient), {"text": "About the session.", "session": session.pk, "sign": "1"})
    client.post(_new(patient), {"text": "About the alert.", "alert": alert.pk, "sign": "1"})
    assert ClinicalNote.objects.get(text="About the session.").session == session
    assert ClinicalNote.objects.get(text="About the alert.").alert == alert

    # Another patient's session or alert is not found from this patient's page.
    assert client.get(_new(second_patient, session=session.pk)).status_code == 404
    assert client.post(_new(second_patient), {"text": "Wrong.", "alert": alert.pk}).status_code == 404
    assert client.get(_new(patient, session="x")).status_code == 404
    assert ClinicalNote.objects.count() == 2


def test_empty_text_saves_nothing_and_says_why(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(_new(patient), {"text": "   ", "sign": "1"})
    assert response.status_code == 200
    assert "Write the note." in response.content.decode()
    assert not ClinicalNote.objects.exists()
