"""Eligibility screens for tests (CLINICAL.md section 1): answers with chosen items "yes", and a patient's screen
answered through the service, as on the page."""

from treatment import eligibility_services
from treatment.models import EligibilityItem

ALL_NO = dict.fromkeys(EligibilityItem.values, 0)


def answers(*yes: str) -> dict[str, int]:
    """Every item answered; the named ones "yes", the others "no"."""
    unknown = set(yes) - set(ALL_NO)
    assert not unknown, f"not eligibility items: {unknown}"
    return ALL_NO | dict.fromkeys(yes, 1)


def answered_screen(patient, *yes: str):
    """The patient answers their intake screen (or the re-screen waiting) with `yes` items, through the service."""
    return eligibility_services.eligibility_screen_answer(actor=patient.user, patient=patient, answers=answers(*yes))


def review_form(item: str, screen, *, decision="proceed", note="Discussed with the patient.", reason="") -> dict:
    """The POST of the care team's review form for one "yes" (treatment.eligibility_views)."""
    return {
        "action": "review",
        "item": item,
        "screen": str(screen.pk),
        f"{item}-decision": decision,
        f"{item}-note": note,
        f"{item}-reason_to_proceed": reason,
    }
