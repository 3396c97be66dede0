"""Only a physician on the patient's care team writes, signs or adds to clinical notes. Physicians off the care team
or of another clinic are told the patient does not exist (404 on the pages); the clinic admin (who reads signed
notes) and the patient are refused (403). Nothing is written."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import notes
from monitoring.models import ClinicalNote, ClinicalNoteAddendum
from tests.monitoring.review_data import signed_note

REFUSED = [
    ("other_physician", "not_found", 404),
    ("outside_physician", "not_found", 404),
    ("clinic_admin", "forbidden", 403),
    ("patient", "forbidden", 403),
]


def _user(request, who):
    person = request.getfixturevalue(who)
    return getattr(person, "user", person)


@pytest.mark.parametrize(("who", "code", "_status"), REFUSED)
def test_the_services_refuse_anyone_else(request, physician, patient, who, code, _status):
    note = signed_note(patient)
    user = _user(request, who)
    for write in (
        lambda: notes.clinical_note_write(actor=user, patient=patient, text="A note."),
        lambda: notes.clinical_note_write(actor=user, patient=patient, text="A note.", sign=True),
        lambda: notes.clinical_note_addendum_add(actor=user, note=note, text="An addendum."),
    ):
        with pytest.raises(DomainError) as refused:
            write()
        assert refused.value.code == code
    assert ClinicalNote.objects.count() == 1
    assert not ClinicalNoteAddendum.objects.exists()


@pytest.mark.parametrize(("who", "_code", "status"), REFUSED)
def test_the_pages_refuse_anyone_else(client, request, physician, patient, who, _code, status):
    note = signed_note(patient)
    client.force_login(_user(request, who))
    new = reverse("clinical_note_new", kwargs={"patient_pk": patient.pk})
    addendum = reverse("clinical_note_addendum", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    assert client.post(new, {"text": "A note.", "sign": "1"}).status_code == status
    assert client.post(addendum, {"text": "An addendum."}).status_code == status
    assert ClinicalNote.objects.count() == 1
    assert not ClinicalNoteAddendum.objects.exists()


def test_the_care_team_physician_writes_and_the_clinic_admin_reads(client, physician, clinic_admin, patient):
    client.force_login(physician.user)
    response = client.post(
        reverse("clinical_note_new", kwargs={"patient_pk": patient.pk}), {"text": "Doing well.", "sign": "1"}
    )
    note = ClinicalNote.objects.get()
    assert response.url == reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    assert (note.author, note.is_signed, note.clinic) == (physician.user, True, patient.clinic)

    client.force_login(clinic_admin)
    url = reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    page = client.get(url).content.decode()
    assert "Doing well." in page
    assert "<form" not in page.split('id="main"')[1]  # read only: no form in the page's content
    assert client.post(url, {"text": "Changed by the admin."}).status_code == 403
    note.refresh_from_db()
    assert note.text == "Doing well."


def test_a_patient_gets_403_on_the_notes_pages(client, patient):
    note = signed_note(patient)
    client.force_login(patient.user)
    for url in (
        reverse("clinical_notes", kwargs={"patient_pk": patient.pk}),
        reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert note.text not in response.content.decode()
