"""A screen whose "yes" a physician decided "do not proceed" leaves the patient not cleared: no plan can be activated,
and no dose taken, until a later screen clears them."""

import pytest

from anodyne.errors import DomainError
from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from tests.treatment.plan_data import PLAN
from treatment import eligibility_selectors, eligibility_services, services
from treatment.models import EligibilityStatus, TreatmentPlan


def test_do_not_proceed_blocks_the_plan_until_a_re_screen_clears(clinic, physician):
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)
    screen = answered_screen(patient, "pregnant", "liver")
    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="liver", decision="proceed", note="Fatty liver, tests normal."
    )
    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="pregnant", decision="do_not_proceed", note="Pregnant, 10 weeks."
    )
    screen.refresh_from_db()
    assert (screen.status, screen.decided_at is not None) == (EligibilityStatus.NOT_CLEARED, True)
    assert eligibility_selectors.eligibility_status(patient) == "not_cleared"

    with pytest.raises(DomainError) as refused:
        services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    assert refused.value.message.startswith("Maya Patel is not cleared for treatment: a physician reviewed")
    assert not TreatmentPlan.objects.filter(patient=patient).exists()

    # A decided screen takes no more reviews.
    with pytest.raises(DomainError, match="already"):
        eligibility_services.eligibility_review(
            actor=physician.user, screen=screen, item="pregnant", decision="proceed", note="x", reason_to_proceed="y"
        )

    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="After delivery")
    answered_screen(patient)
    assert eligibility_selectors.is_cleared(patient)
    services.plan_create(actor=physician.user, patient=patient, reason="Start after the re-screen", **PLAN)
