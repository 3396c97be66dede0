"""A draft note is its author's alone: another physician of the care team and the clinic admin neither see it in
the patient's notes nor open it (404). Once signed, everyone allowed to read the patient's notes sees it."""

from django.urls import reverse

from monitoring import notes
from tests.monitoring.review_data import colleague_on_care_team, draft_note

DRAFT = "Draft: ask about sleep at the next call."


def test_a_draft_is_seen_by_its_author_only_until_signed(client, physician, clinic_admin, patient):
    colleague = colleague_on_care_team(patient)
    note = draft_note(patient, physician.user, text=DRAFT)
    notes_url = reverse("clinical_notes", kwargs={"patient_pk": patient.pk})
    detail_url = reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})

    client.force_login(physician.user)
    assert DRAFT in client.get(notes_url).content.decode()
    page = client.get(detail_url).content.decode()
    assert DRAFT in page and "Save draft" in page

    for reader in (colleague.user, clinic_admin):
        client.force_login(reader)
        listed = client.get(notes_url)
        assert listed.status_code == 200 and DRAFT not in listed.content.decode()
        assert client.get(detail_url).status_code == 404
        assert client.post(detail_url, {"text": "Taken over.", "sign": "1"}).status_code == 404

    notes.clinical_note_sign(actor=physician.user, note=note)
    for reader in (colleague.user, clinic_admin):
        client.force_login(reader)
        assert DRAFT in client.get(notes_url).content.decode()
        assert DRAFT in client.get(detail_url).content.decode()
