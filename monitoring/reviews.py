"""Writes about session sign-off (PRODUCT.md, physician step 6; issue 8 item 3): a physician of the patient's care
team reviews each completed or held treatment session and signs it off, once.

`session_sign_off` signs one session (any session awaiting review, remarkable or not), optionally with a note that
becomes a signed clinical note on the session. `sessions_sign_off_bulk` signs several unremarkable sessions at once
from the review queue — all of them or none. What makes a session remarkable is defined once, in SQL, by
monitoring.review_selectors. A session is signed off at most once: the database's one-to-one constraint decides
between two sign-offs at the same moment, and the loser is told so plainly (a DomainError, never a 500).
"""

from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Patient, Role, User
from anodyne.errors import DomainError
from monitoring import notes
from monitoring.models import SessionReview
from monitoring.review_selectors import REVIEWABLE, remarkable_reasons, with_remarkable
from treatment.models import TreatmentSession

# The bulk form signs at most a page of the queue; a bound keeps one request's transaction short.
MAX_BULK = 200

ALREADY_SIGNED = "This session has already been signed off."


class BulkSignOffRefused(DomainError):
    """A bulk sign-off refused whole because some sessions need an individual review; `sessions` are those, each
    with `remarkable_reasons`, so that a page can link to each."""

    def __init__(self, message: str, *, sessions: list[TreatmentSession]):
        super().__init__(message, code="needs_individual_review")
        self.sessions = sessions


def _audit_event(actor: User, review: SessionReview, patient: Patient, *, bulk: bool):
    detail = f"signed off session {review.session_id}" + (" (bulk)" if bulk else "")
    return audit.event(
        AuditAction.CREATE,
        actor=actor,
        object_type="session_review",
        object_id=review.pk,
        patient=patient,
        detail=detail,
    )


def _describe(session: TreatmentSession) -> str:
    """'Maya Patel's session of 3 March 2026' (in the patient's time zone); needs patient__user."""
    moment = session.checked_at or session.scheduled_for or session.created_at
    day = timezone.localtime(moment, timezone=ZoneInfo(session.patient.time_zone)).date()
    return f"{session.patient.full_name}'s session of {day.day} {day:%B %Y}"


@transaction.atomic
def session_sign_off(*, actor: User, session: TreatmentSession, note: str = "") -> SessionReview:
    """A care-team physician signs off one completed or held session that nobody has signed off yet. A non-empty
    `note` is written as a signed clinical note on the session, linked to the sign-off."""
    require_care_team_physician(actor, session.patient_id, doing="sign off sessions")
    session = TreatmentSession.objects.select_related("patient").get(pk=session.pk)
    if session.status not in REVIEWABLE:
        raise DomainError(
            f"This session is {session.get_status_display().lower()}: only a completed or held session is signed off.",
            code="not_reviewable",
        )
    if SessionReview.objects.filter(session=session).exists():
        raise DomainError(ALREADY_SIGNED, code="already_reviewed")
    patient = session.patient
    signed_note = None
    if (note or "").strip():
        signed_note = notes.clinical_note_write(actor=actor, patient=patient, text=note, session=session, sign=True)
    try:
        with transaction.atomic():  # a savepoint: losing a race to another sign-off is a plain refusal
            review = SessionReview.objects.create(
                session=session,
                patient=patient,
                clinic_id=patient.clinic_id,
                reviewed_by=actor,
                reviewed_at=timezone.now(),
                bulk=False,
                note=signed_note,
            )
    except IntegrityError:
        raise DomainError(ALREADY_SIGNED, code="already_reviewed") from None
    audit.record_many([_audit_event(actor, review, patient, bulk=False)])
    return review


def _session_ids(session_ids) -> list[int]:
    ids = set()
    for value in session_ids:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            raise DomainError("Choose sessions from the review queue.", code="invalid") from None
    return sorted(ids)


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@transaction.atomic
def sessions_sign_off_bulk(*, actor: User, session_ids) -> list[SessionReview]:
    """A physician signs off several sessions at once — all of them, or none when any one cannot be: every session
    must be of a patient on their care team, completed or held, not yet signed off and unremarkable
    (monitoring.review_selectors.REMARKABLE). Otherwise nothing is signed and the error names the sessions that
    need an individual review (BulkSignOffRefused) or cannot be signed here.

    A constant number of queries whatever the number of sessions: one read of them all with their remarkable flags,
    one insert of the sign-offs, one audit batch (a row per session).
    """
    if not actor.is_authenticated or not actor.is_active or actor.role != Role.PHYSICIAN:
        raise DomainError("Only a physician on the patients' care team can sign off sessions.", code="forbidden")
    ids = _session_ids(session_ids)
    if not ids:
        raise DomainError("Choose at least one session to sign off.", code="nothing_chosen")
    if len(ids) > MAX_BULK:
        raise DomainError(f"Sign off at most {MAX_BULK} sessions at once.", code="too_many")

    sessions = list(
        with_remarkable(
            TreatmentSession.objects.filter(
                pk__in=ids, patient__clinic_id=actor.clinic_id, patient__in=Patient.objects.visible_to(actor)
            )
        )
        .select_related("patient__user")
        .annotate(signed_off=Exists(SessionReview.objects.filter(session=OuterRef("pk"))))
        .order_by("pk")
    )
    found = {session.pk: session for session in sessions}
    cannot = [pk for pk in ids if pk not in found or found[pk].status not in REVIEWABLE]
    if cannot:
        listed = _words([f"session {pk}" for pk in cannot])
        raise DomainError(f"Nothing was signed: {listed} cannot be signed off by you.", code="not_found")
    signed = [session for session in sessions if session.signed_off]
    if signed:
        raise DomainError(
            f"Nothing was signed: {_words([_describe(s) for s in signed])} "
            f"{'has' if len(signed) == 1 else 'have'} already been signed off.",
            code="already_reviewed",
        )
    remarkable = [session for session in sessions if session.remarkable]
    if remarkable:
        for session in remarkable:
            session.remarkable_reasons = remarkable_reasons(session)
        listed = "; ".join(
            f"{_describe(s)} ({' '.join(reason.rstrip('.') + '.' for reason in s.remarkable_reasons)})"
            for s in remarkable
        )
        raise BulkSignOffRefused(
            f"Nothing was signed. {'This session needs' if len(remarkable) == 1 else 'These sessions need'} an "
            f"individual review: {listed}",
            sessions=remarkable,
        )

    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: one already signed by someone else since refuses the whole batch
            reviews = SessionReview.objects.bulk_create(
                SessionReview(
                    session=session,
                    patient=session.patient,
                    clinic_id=session.patient.clinic_id,
                    reviewed_by=actor,
                    reviewed_at=now,
                    bulk=True,
                )
                for session in sessions
            )
    except IntegrityError:
        raise DomainError(
            "Nothing was signed: one of these sessions was signed off by someone else just now. Reload the queue.",
            code="already_reviewed",
        ) from None
    audit.record_many(_audit_event(actor, review, review.patient, bulk=True) for review in reviews)
    return reviews
