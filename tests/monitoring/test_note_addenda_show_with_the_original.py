"""Corrections to a signed note are addenda, by any physician of the care team, shown under the original — which
stays exactly as signed — on the note's page and in the patient's notes. A draft takes no addendum."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import notes
from monitoring.models import ClinicalNoteAddendum
from tests.monitoring.review_data import colleague_on_care_team, draft_note, signed_note

ORIGINAL = "Dose well tolerated. Continue 50 mg."


def test_the_addendum_page_adds_one_shown_under_the_original(client, physician, clinic_admin, patient):
    note = signed_note(patient, text=ORIGINAL)
    colleague = colleague_on_care_team(patient)
    client.force_login(colleague.user)
    url = reverse("clinical_note_addendum", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    response = client.post(url, {"text": "Correction: the dose was 40 mg."})
    detail = reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    assert response.url == f"{detail}#addenda-{note.pk}"
    addendum = ClinicalNoteAddendum.objects.get()
    assert (addendum.note, addendum.author) == (note, colleague.user)
    note.refresh_from_db()
    assert note.text == ORIGINAL

    for reader, url in (
        (physician.user, detail),
        (clinic_admin, reverse("clinical_notes", kwargs={"patient_pk": patient.pk})),
    ):
        client.force_login(reader)
        page = client.get(url).content.decode()
        # The original first, then the addendum under it, with its author.
        assert page.index(ORIGINAL) < page.index("Addenda") < page.index("Correction: the dose was 40 mg.")
        assert "Priya Shah" in page


def test_an_empty_addendum_adds_nothing_and_says_why(client, physician, patient):
    note = signed_note(patient, text=ORIGINAL)
    client.force_login(physician.user)
    url = reverse("clinical_note_addendum", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert "Write the addendum." in response.content.decode()
    assert not ClinicalNoteAddendum.objects.exists()


def test_a_draft_takes_no_addendum(physician, patient):
    note = draft_note(patient, physician.user)
    with pytest.raises(DomainError, match="This note is still a draft") as refused:
        notes.clinical_note_addendum_add(actor=physician.user, note=note, text="More.")
    assert refused.value.code == "not_signed"
    assert not ClinicalNoteAddendum.objects.exists()
