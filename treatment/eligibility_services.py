"""Writes about eligibility screens (CLINICAL.md section 1, "Eligibility screen").

The patient answers their intake screen, or a re-screen a physician asked for; an all-"no" screen is cleared at once,
and any "yes" waits for a physician on the care team to review each one with a note (a contraindication, marked C,
needs an explicit reason to proceed). Until then the patient is not cleared: no plan can be activated
(treatment.services._write_version) and no dose taken (the "eligibility" pre-dose gate, treatment.gates).

Each service is one transaction, audited inside it, and raises DomainError in plain words. The care team hears of a
screen to review through treatment.events (monitoring raises, then resolves, the alert); the audit rows name the
records, never the answers (they are health information).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Patient, Role, User
from anodyne.errors import DomainError
from treatment import eligibility, eligibility_selectors, events
from treatment.models import (
    EligibilityDecision,
    EligibilityItem,
    EligibilityReview,
    EligibilityScreen,
    EligibilityStatus,
)

MAX_NOTE = EligibilityReview._meta.get_field("note").max_length
MAX_REASON_TO_PROCEED = EligibilityReview._meta.get_field("reason_to_proceed").max_length
MAX_REQUEST_REASON = EligibilityScreen._meta.get_field("request_reason").max_length


@transaction.atomic
def eligibility_screen_answer(*, actor: User, patient: Patient, answers) -> EligibilityScreen:
    """The patient answers the eligibility questions: their intake screen, or the re-screen waiting for them.

    `answers`: {item: 0 or 1} for every item (treatment.eligibility.validate_answers). All "no" clears the screen at
    once; any "yes" leaves it needing review, and the care team hears of it (events.eligibility_needs_review).
    A patient whose screen is answered and who has no re-screen waiting has nothing to answer.
    """
    if not (actor.is_authenticated and actor.is_active and actor.role == Role.PATIENT and actor.pk == patient.user_id):
        raise DomainError("Only the patient answers their own eligibility questions.", code="forbidden")
    try:
        answers = eligibility.validate_answers(answers)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="invalid") from error
    # One answer at a time per patient: two submissions of the intake screen never make two screens.
    patient = Patient.objects.select_for_update(of=("self",)).select_related("clinic").get(pk=patient.pk)
    yes = eligibility.yes_items(answers)
    now = timezone.now()
    status = EligibilityStatus.NEEDS_REVIEW if yes else EligibilityStatus.CLEARED
    fields = {
        "status": status,
        "answers": answers,
        "answered_by": actor,
        "answered_at": now,
        "decided_at": None if yes else now,
    }
    waiting = EligibilityScreen.objects.filter(patient=patient, status=EligibilityStatus.REQUESTED).first()
    if waiting is not None:
        changed = EligibilityScreen.objects.filter(pk=waiting.pk, status=EligibilityStatus.REQUESTED).update(**fields)
        if changed != 1:
            raise DomainError("These questions were answered already.", code="already_answered")
        screen = EligibilityScreen.objects.get(pk=waiting.pk)
        action = AuditAction.UPDATE
    elif EligibilityScreen.objects.filter(patient=patient).exists():
        raise DomainError(
            "You have answered the eligibility questions already. Your care team will ask you again when a new "
            "screen is due.",
            code="already_answered",
        )
    else:
        screen = EligibilityScreen.objects.create(patient=patient, clinic=patient.clinic, **fields)
        action = AuditAction.CREATE
    audit.record(
        action, actor=actor, object_type="eligibility_screen", object_id=screen.pk, patient=patient, detail="answered"
    )
    if yes:
        contraindications = eligibility.contraindications_answered_yes(answers)
        events.eligibility_needs_review.send(
            sender=EligibilityScreen,
            patient=patient,
            screen_id=screen.pk,
            yes_count=len(yes),
            contraindication=bool(contraindications),
            contraindication_count=len(contraindications),
        )
    return screen


@transaction.atomic
def eligibility_review(
    *, actor: User, screen: EligibilityScreen, item: str, decision: str, note: str, reason_to_proceed: str = ""
) -> EligibilityReview:
    """A physician on the care team reviews one "yes" of a screen: a decision and a note; proceeding despite a
    contraindication needs an explicit reason (a reason given with "do not proceed" is not kept: there is nothing it
    would justify). When the last "yes" is reviewed, the screen is decided — cleared when every one was "proceed",
    not cleared otherwise — and the care team's alert is resolved (events.eligibility_reviewed)."""
    # Reviews of one screen one at a time: the last one sees every other and decides the screen once.
    screen = EligibilityScreen.objects.select_for_update(of=("self",)).select_related("patient").get(pk=screen.pk)
    patient = screen.patient
    require_care_team_physician(actor, patient.pk, doing="review an eligibility screen")
    if screen.status == EligibilityStatus.REQUESTED:
        raise DomainError("This screen has not been answered yet: there is nothing to review.", code="not_answered")
    if screen.status != EligibilityStatus.NEEDS_REVIEW:
        raise DomainError(
            f"This screen is {screen.get_status_display().lower()} already: every “yes” on it was reviewed.",
            code="decided",
        )
    if item not in eligibility.ITEMS:
        raise DomainError("Choose one of the screen's answers to review.", code="invalid")
    label = EligibilityItem(item).label
    if screen.answers.get(item) != eligibility.YES:
        raise DomainError(f"“{label}” was answered no on this screen: there is nothing to review.", code="not_yes")
    earlier = screen.reviews.filter(item=item).select_related("reviewed_by").first()
    if earlier is not None:
        raise DomainError(f"“{label}” was reviewed already, by {earlier.reviewed_by}.", code="reviewed")
    if decision not in EligibilityDecision.values:
        raise DomainError("Choose a decision: safe to proceed, or do not proceed.", code="invalid")
    note = (note or "").strip()
    if not note:
        raise DomainError("Write a note: every “yes” needs a physician's note.", code="note_required")
    if len(note) > MAX_NOTE:
        raise DomainError(f"Keep the note to {MAX_NOTE} characters (it has {len(note)}).", code="too_long")
    reason_to_proceed = (reason_to_proceed or "").strip() if decision == EligibilityDecision.PROCEED else ""
    if eligibility.needs_reason_to_proceed(item, decision) and not reason_to_proceed:
        raise DomainError(
            f"“{label}” is a contraindication: to proceed, write your reason to proceed despite it.",
            code="reason_required",
        )
    if len(reason_to_proceed) > MAX_REASON_TO_PROCEED:
        raise DomainError(
            f"Keep the reason to proceed to {MAX_REASON_TO_PROCEED} characters (it has {len(reason_to_proceed)}).",
            code="too_long",
        )
    now = timezone.now()
    review = EligibilityReview.objects.create(
        screen=screen,
        item=item,
        decision=decision,
        note=note,
        reason_to_proceed=reason_to_proceed,
        reviewed_by=actor,
        reviewed_at=now,
    )
    # The audit row names the records, not the item or the note (health information stays on the review).
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        object_type="eligibility_review",
        object_id=review.pk,
        patient=patient,
        detail=f"screen {screen.pk}",
    )
    status = eligibility.result(screen.answers, screen.reviews.values_list("item", "decision"))
    if status != eligibility.NEEDS_REVIEW:
        changed = EligibilityScreen.objects.filter(pk=screen.pk, status=EligibilityStatus.NEEDS_REVIEW).update(
            status=status, decided_at=now
        )
        if changed != 1:
            raise DomainError("This screen was decided already.", code="decided")
        audit.record(
            AuditAction.UPDATE,
            actor=actor,
            object_type="eligibility_screen",
            object_id=screen.pk,
            patient=patient,
            detail=status,
        )
        events.eligibility_reviewed.send(
            sender=EligibilityScreen,
            patient=patient,
            screen_id=screen.pk,
            cleared=status == eligibility.CLEARED,
            reviewed_by=actor,
        )
    return review


@transaction.atomic
def eligibility_rescreen_request(*, actor: User, patient: Patient, reason: str) -> EligibilityScreen:
    """A physician on the care team asks the patient to answer the eligibility questions again (for example, yearly).
    The re-screen waits for the patient's answers; until then their latest answered screen still decides. At most one
    waits at a time (the database refuses a second), and not while the current screen still waits for its review."""
    require_care_team_physician(actor, patient.pk, doing="ask for a re-screen")
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError("Say why you ask for a re-screen (for example: yearly re-screen).", code="reason_required")
    if len(reason) > MAX_REQUEST_REASON:
        raise DomainError(
            f"Keep the reason to {MAX_REQUEST_REASON} characters (it has {len(reason)}).", code="too_long"
        )
    patient = Patient.objects.select_for_update(of=("self",)).select_related("clinic").get(pk=patient.pk)
    if EligibilityScreen.objects.filter(patient=patient, status=EligibilityStatus.REQUESTED).exists():
        raise DomainError(f"A re-screen is already waiting for {patient}'s answers.", code="already_requested")
    if eligibility_selectors.eligibility_status(patient) == eligibility.NEEDS_REVIEW:
        # A newer answer would decide instead, and the answers waiting for a review would never be reviewed.
        raise DomainError(
            f"Review the answers waiting on {patient}'s current screen first; then ask for a re-screen.",
            code="needs_review",
        )
    try:
        with transaction.atomic():  # a savepoint: the constraint's refusal leaves the transaction usable
            screen = EligibilityScreen.objects.create(
                patient=patient,
                clinic=patient.clinic,
                status=EligibilityStatus.REQUESTED,
                requested_by=actor,
                request_reason=reason,
            )
    except IntegrityError:
        raise DomainError(
            f"A re-screen is already waiting for {patient}'s answers.", code="already_requested"
        ) from None
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        object_type="eligibility_screen",
        object_id=screen.pk,
        patient=patient,
        detail="re-screen requested",
    )
    return screen
