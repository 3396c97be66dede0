"""Writes about clinical notes (PRODUCT.md, physician step 6): a physician of the patient's care team writes a note on
the patient, optionally about one treatment session or one alert, and signs it; a signed note is final, and
corrections are addenda shown with the original.

A note starts as a draft that only its author sees and may change (or it is signed at once). Clinic admins read
signed notes but never write one; patients never see these staff notes. Each service is one transaction with its
audit row, and raises DomainError in plain words. PostgreSQL itself refuses to change a signed note or delete any
note, and to change or delete an addendum (migration 0006); the services refuse first, with a plain message.
"""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Patient, User
from anodyne.errors import DomainError
from monitoring.models import MAX_CLINICAL_NOTE, Alert, ClinicalNote, ClinicalNoteAddendum
from treatment.models import TreatmentSession


def _clean_text(text: str, *, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(f"Write the {what}.", code="text_required")
    if len(text) > MAX_CLINICAL_NOTE:
        raise DomainError(
            f"Keep the {what} to {MAX_CLINICAL_NOTE} characters (it has {len(text)}).", code="text_too_long"
        )
    return text


def _audit(actor: User, note: ClinicalNote, patient: Patient, detail: str, action=AuditAction.UPDATE) -> None:
    # The text is health information: it stays in the note, never in the audit row.
    audit.record(action, actor=actor, object_type="clinical_note", object_id=note.pk, patient=patient, detail=detail)


@transaction.atomic
def clinical_note_write(
    *,
    actor: User,
    patient: Patient,
    text: str,
    session: TreatmentSession | None = None,
    alert: Alert | None = None,
    sign: bool = False,
) -> ClinicalNote:
    """A new note on the patient — a draft, or signed at once (`sign=True`). A session or alert it is about must be
    the same patient's."""
    require_care_team_physician(actor, patient.pk, doing="write clinical notes")
    text = _clean_text(text, what="note")
    if session is not None and session.patient_id != patient.pk:
        raise DomainError("That session is not one of this patient's.", code="invalid")
    if alert is not None and alert.patient_id != patient.pk:
        raise DomainError("That alert is not about this patient.", code="invalid")
    now = timezone.now()
    note = ClinicalNote.objects.create(
        patient=patient,
        clinic_id=patient.clinic_id,
        author=actor,
        session=session,
        alert=alert,
        text=text,
        created_at=now,
        updated_at=now,
        signed_at=now if sign else None,
    )
    _audit(actor, note, patient, "written and signed" if sign else "draft written", action=AuditAction.CREATE)
    return note


def _draft_refusal(actor: User, note_pk: int) -> DomainError:
    """Why the author's draft could not be changed or signed: someone else's draft does not exist for the actor."""
    current = ClinicalNote.objects.filter(pk=note_pk).values("author_id", "signed_at").first()
    if current is None or (current["signed_at"] is None and current["author_id"] != actor.pk):
        return DomainError("No such note.", code="not_found")
    if current["signed_at"] is not None:
        return DomainError("This note is signed and final: add an addendum to correct it.", code="signed")
    return DomainError("Only the note's author can change or sign it.", code="forbidden")


@transaction.atomic
def clinical_note_update(*, actor: User, note: ClinicalNote, text: str) -> ClinicalNote:
    """The author changes their draft. A signed note is never changed."""
    require_care_team_physician(actor, note.patient_id, doing="change clinical notes")
    text = _clean_text(text, what="note")
    now = timezone.now()
    changed = ClinicalNote.objects.filter(pk=note.pk, author=actor, signed_at__isnull=True).update(
        text=text, updated_at=now
    )
    if changed != 1:
        raise _draft_refusal(actor, note.pk)
    note.refresh_from_db()
    _audit(actor, note, note.patient, "draft changed")
    return note


@transaction.atomic
def clinical_note_sign(*, actor: User, note: ClinicalNote, text: str | None = None) -> ClinicalNote:
    """The author signs their draft — with its final text, if `text` is given — and it is final from then on.

    One UPDATE that only a still-unsigned draft of this author matches: of two signatures at once, one changes the
    row and the other is told the note is already signed.
    """
    require_care_team_physician(actor, note.patient_id, doing="sign clinical notes")
    fields = {}
    if text is not None:
        fields["text"] = _clean_text(text, what="note")
    now = timezone.now()
    changed = ClinicalNote.objects.filter(pk=note.pk, author=actor, signed_at__isnull=True).update(
        signed_at=now, updated_at=now, **fields
    )
    if changed != 1:
        raise _draft_refusal(actor, note.pk)
    note.refresh_from_db()
    _audit(actor, note, note.patient, "signed")
    return note


@transaction.atomic
def clinical_note_addendum_add(*, actor: User, note: ClinicalNote, text: str) -> ClinicalNoteAddendum:
    """A correction or addition to a signed note, by any physician of the patient's care team, shown with the
    original (which stays exactly as signed). A draft takes no addendum: its author still changes it."""
    require_care_team_physician(actor, note.patient_id, doing="add to clinical notes")
    text = _clean_text(text, what="addendum")
    current = ClinicalNote.objects.filter(pk=note.pk).values("author_id", "signed_at").first()
    if current is None or (current["signed_at"] is None and current["author_id"] != actor.pk):
        raise DomainError("No such note.", code="not_found")
    if current["signed_at"] is None:
        raise DomainError(
            "This note is still a draft: change it, or sign it and then add an addendum.", code="not_signed"
        )
    addendum = ClinicalNoteAddendum.objects.create(note_id=note.pk, author=actor, text=text)
    _audit(actor, note, note.patient, "addendum")
    return addendum
