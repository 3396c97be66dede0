"""Clearing a contraindication (an item marked C) needs the physician's explicit reason to proceed — refused by the
service, and by PostgreSQL for a row written any other way. Other items, and "do not proceed", need only the note."""

import pytest
from django.db import IntegrityError

from anodyne.errors import DomainError
from tests.treatment.eligibility_data import answered_screen
from treatment import eligibility_services
from treatment.models import CONTRAINDICATIONS, EligibilityReview, EligibilityStatus

NOTE = "Discussed with the patient by phone."


@pytest.mark.parametrize("item", sorted(CONTRAINDICATIONS))
def test_the_service_refuses_to_proceed_despite_a_contraindication_without_a_reason(physician, patient, item):
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    screen = answered_screen(patient, item)
    for blank in ("", "   "):
        with pytest.raises(DomainError) as refused:
            eligibility_services.eligibility_review(
                actor=physician.user, screen=screen, item=item, decision="proceed", note=NOTE, reason_to_proceed=blank
            )
        assert refused.value.code == "reason_required"
        assert "contraindication" in refused.value.message
    assert not EligibilityReview.objects.exists()
    screen.refresh_from_db()
    assert screen.status == EligibilityStatus.NEEDS_REVIEW

    eligibility_services.eligibility_review(
        actor=physician.user,
        screen=screen,
        item=item,
        decision="proceed",
        note=NOTE,
        reason_to_proceed="Benefit outweighs the risk; specialist agrees (letter on file).",
    )
    screen.refresh_from_db()
    assert screen.status == EligibilityStatus.CLEARED


@pytest.mark.parametrize("item", sorted(CONTRAINDICATIONS))
def test_the_database_refuses_a_contraindication_cleared_without_a_reason(physician, patient, item):
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    screen = answered_screen(patient, item)
    with pytest.raises(IntegrityError, match="eligibility_contraindication_needs_a_reason"):
        EligibilityReview.objects.create(
            screen=screen, item=item, decision="proceed", note=NOTE, reason_to_proceed="", reviewed_by=physician.user
        )


def test_a_non_contraindication_or_a_decision_not_to_proceed_needs_only_the_note(physician, patient):
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    screen = answered_screen(patient, "liver", "psychosis")
    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="liver", decision="proceed", note=NOTE
    )
    eligibility_services.eligibility_review(
        actor=physician.user,
        screen=screen,
        item="psychosis",
        decision="do_not_proceed",
        note=NOTE,
        reason_to_proceed="typed, then decided otherwise",
    )
    reviews = {review.item: review for review in screen.reviews.all()}
    assert reviews["liver"].reason_to_proceed == ""
    # A reason to proceed has nothing to justify with "do not proceed": it is not kept.
    assert reviews["psychosis"].reason_to_proceed == ""
    screen.refresh_from_db()
    assert screen.status == EligibilityStatus.NOT_CLEARED


def test_every_review_needs_a_note(physician, patient):
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    screen = answered_screen(patient, "bladder")
    with pytest.raises(DomainError, match="Write a note"):
        eligibility_services.eligibility_review(
            actor=physician.user, screen=screen, item="bladder", decision="proceed", note="  "
        )
    with pytest.raises(IntegrityError, match="eligibility_review_note_given"):
        EligibilityReview.objects.create(
            screen=screen, item="bladder", decision="proceed", note="", reviewed_by=physician.user
        )
