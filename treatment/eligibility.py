"""The eligibility screen (CLINICAL.md section 1, "Eligibility screen"). Pure: no database.

A local checklist, not a validated instrument: eleven items answered 0 No or 1 Yes, at intake and whenever a
care-team physician asks for a re-screen. Every "yes" needs a physician's review with a note; the items marked C
(CONTRAINDICATIONS: ketamine and esketamine labelling) can only be cleared with an explicit reason to proceed.

treatment.eligibility_services writes screens and reviews and asks `result` what a screen's status is;
treatment.eligibility_selectors reads the patient's latest answered screen, which decides whether they are cleared.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from treatment.models import CONTRAINDICATIONS, EligibilityDecision, EligibilityItem, EligibilityStatus

# The item keys, in CLINICAL.md's order (a public contract: API, export, tests).
ITEMS: tuple[str, ...] = tuple(EligibilityItem.values)
NO, YES = 0, 1

# What a patient's eligibility is when they have never answered a screen (no EligibilityScreen status says it).
UNANSWERED = "unanswered"
CLEARED = EligibilityStatus.CLEARED.value
NEEDS_REVIEW = EligibilityStatus.NEEDS_REVIEW.value
NOT_CLEARED = EligibilityStatus.NOT_CLEARED.value


def validate_answers(answers) -> dict[str, int]:
    """The answers as {item: 0 or 1}, in CLINICAL.md's order. Every item must be present, each answer the int 0 or 1
    (a bool is not an int here, as in monitoring.instruments.score), and no unknown key may appear; otherwise a
    ValidationError whose message names the item."""
    if not isinstance(answers, Mapping):
        raise ValidationError("The answers must map each eligibility item to 0 (no) or 1 (yes).")
    unknown = sorted(str(key) for key in answers if key not in ITEMS)
    if unknown:
        raise ValidationError(f"Unknown eligibility item: {', '.join(unknown)}.", code="unknown_item")
    cleaned = {}
    for item in ITEMS:
        if item not in answers:
            raise ValidationError(f"Answer {_named(item)}: yes or no.", code="missing")
        value = answers[item]
        if isinstance(value, bool) or not isinstance(value, int) or value not in (NO, YES):
            raise ValidationError(
                f"The answer to {_named(item)} must be 0 (no) or 1 (yes), not {value!r}.", code="invalid"
            )
        cleaned[item] = value
    return cleaned


def _named(item: str) -> str:
    return f"{item} ({EligibilityItem(item).label.lower()})"


def is_contraindication(item: str) -> bool:
    """Whether the item is marked C in CLINICAL.md (clearing it needs an explicit reason to proceed)."""
    return item in CONTRAINDICATIONS


def yes_items(answers: Mapping[str, int]) -> list[str]:
    """The items answered "yes", in CLINICAL.md's order."""
    return [item for item in ITEMS if answers.get(item) == YES]


def contraindications_answered_yes(answers: Mapping[str, int]) -> list[str]:
    """The contraindications (C) answered "yes", in CLINICAL.md's order."""
    return [item for item in yes_items(answers) if is_contraindication(item)]


def needs_reason_to_proceed(item: str, decision: str) -> bool:
    """Proceeding despite a contraindication needs an explicit reason (CLINICAL.md section 1)."""
    return decision == EligibilityDecision.PROCEED and is_contraindication(item)


def result(answers: Mapping[str, int], reviews: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """A screen's status from its answers and its reviews ({item: decision} or (item, decision) pairs):

    - `cleared` when every answer is "no", or every "yes" was reviewed and decided `proceed`;
    - `not_cleared` when every "yes" was reviewed and at least one was decided `do_not_proceed`;
    - `needs_review` while any "yes" is not reviewed yet.

    A review of an item that was not answered "yes" does not count (the service never writes one)."""
    decisions = dict(reviews.items() if isinstance(reviews, Mapping) else reviews)
    yes = yes_items(answers)
    if any(item not in decisions for item in yes):
        return NEEDS_REVIEW
    if any(decisions[item] == EligibilityDecision.DO_NOT_PROCEED for item in yes):
        return NOT_CLEARED
    return CLEARED


def not_cleared_message(patient, status: str) -> str:
    """Why a plan cannot be activated for a patient who is not cleared, in plain words for the physician."""
    if status == UNANSWERED:
        return f"{patient} is not cleared for treatment yet: their eligibility screen has not been answered yet."
    if status == NOT_CLEARED:
        return (
            f"{patient} is not cleared for treatment: a physician reviewed their eligibility screen and decided not "
            "to proceed. Ask for a re-screen if their answers have changed."
        )
    return f"{patient} is not cleared for treatment yet: their eligibility screen needs a physician's review."
