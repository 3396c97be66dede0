"""A signed clinical note is final. The services refuse to change or sign it again, in plain words; PostgreSQL
refuses any UPDATE of it and the DELETE of any note — through the ORM or raw SQL — so nothing can slip past the
services. A draft is changed by its author until it is signed (atomically: of two signatures, one wins)."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from anodyne.errors import DomainError
from monitoring import notes
from monitoring.models import ClinicalNote, ClinicalNoteAddendum
from tests.monitoring.review_data import colleague_on_care_team, draft_note, signed_note

ORIGINAL = "Reviewed by phone. Continue the plan unchanged."


def test_the_services_refuse_to_change_a_signed_note(physician, patient):
    note = signed_note(patient, text=ORIGINAL)
    with pytest.raises(DomainError, match="This note is signed and final: add an addendum to correct it") as one:
        notes.clinical_note_update(actor=physician.user, note=note, text="Rewritten.")
    with pytest.raises(DomainError, match="signed and final") as two:
        notes.clinical_note_sign(actor=physician.user, note=note, text="Rewritten.")
    assert one.value.code == two.value.code == "signed"
    note.refresh_from_db()
    assert note.text == ORIGINAL


def test_the_author_changes_then_signs_a_draft(physician, patient):
    note = draft_note(patient, physician.user, text="First thoughts.")
    notes.clinical_note_update(actor=physician.user, note=note, text="Second thoughts.")
    signed = notes.clinical_note_sign(actor=physician.user, note=note)
    assert (signed.text, signed.is_signed) == ("Second thoughts.", True)
    with pytest.raises(DomainError, match="signed and final"):
        notes.clinical_note_sign(actor=physician.user, note=note)


def test_only_the_author_changes_or_signs_a_draft(physician, patient):
    colleague = colleague_on_care_team(patient)
    note = draft_note(patient, physician.user, text="Mine.")
    for attempt in (
        lambda: notes.clinical_note_update(actor=colleague.user, note=note, text="Theirs."),
        lambda: notes.clinical_note_sign(actor=colleague.user, note=note),
        lambda: notes.clinical_note_addendum_add(actor=colleague.user, note=note, text="Theirs."),
    ):
        with pytest.raises(DomainError, match="No such note"):
            attempt()
    note.refresh_from_db()
    assert (note.text, note.is_signed) == ("Mine.", False)


def test_empty_or_overlong_text_is_refused(physician, patient):
    with pytest.raises(DomainError, match="Write the note"):
        notes.clinical_note_write(actor=physician.user, patient=patient, text="   \n ")
    with pytest.raises(DomainError, match="Keep the note to 10000 characters"):
        notes.clinical_note_write(actor=physician.user, patient=patient, text="x" * 10001)
    assert not ClinicalNote.objects.exists()


postgres_only = pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the triggers of migration 0006")


@postgres_only
def test_postgresql_refuses_an_update_of_a_signed_note(patient):
    note = signed_note(patient, text=ORIGINAL)
    with pytest.raises(DatabaseError, match="a signed clinical note is never changed"), transaction.atomic():
        ClinicalNote.objects.filter(pk=note.pk).update(text="Rewritten.")
    with pytest.raises(DatabaseError, match="a signed clinical note is never changed"), transaction.atomic():
        ClinicalNote.objects.filter(pk=note.pk).update(signed_at=None)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE monitoring_clinicalnote SET text = 'Rewritten.' WHERE id = %s", [note.pk])
    note.refresh_from_db()
    assert (note.text, note.is_signed) == (ORIGINAL, True)


@postgres_only
def test_postgresql_refuses_to_delete_any_note_or_addendum(physician, patient):
    signed = signed_note(patient, text=ORIGINAL)
    draft = draft_note(patient, physician.user)
    corrected = signed_note(patient, text="BP cuff broken.")
    addendum = notes.clinical_note_addendum_add(actor=physician.user, note=corrected, text="Also: BP cuff replaced.")
    for note in (signed, draft):
        with pytest.raises(DatabaseError, match="no note is deleted"), transaction.atomic():
            ClinicalNote.objects.filter(pk=note.pk).delete()
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM monitoring_clinicalnote WHERE id = %s", [note.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        ClinicalNoteAddendum.objects.filter(pk=addendum.pk).update(text="Changed.")
    with pytest.raises(DatabaseError), transaction.atomic():
        ClinicalNoteAddendum.objects.filter(pk=addendum.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_clinicalnoteaddendum WHERE id = %s", [addendum.pk])
    assert ClinicalNote.objects.count() == 3
    assert ClinicalNoteAddendum.objects.get().text == "Also: BP cuff replaced."
