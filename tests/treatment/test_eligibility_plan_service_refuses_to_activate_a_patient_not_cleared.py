"""No plan can be activated — created active, revised to active, resumed — for a patient who is not cleared: the rule
is in the service that writes plan versions, so the pages and the API obey it alike. A paused or completed plan can
still be written, and a plan already active can still be paused."""

import pytest

from anodyne.errors import DomainError
from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from tests.treatment.plan_data import PLAN
from treatment import eligibility_services, services
from treatment.models import PlanStatus, PlanVersion, TreatmentPlan

NEEDS_REVIEW = "Maya Patel is not cleared for treatment yet: their eligibility screen needs a physician's review."
UNANSWERED = "Maya Patel is not cleared for treatment yet: their eligibility screen has not been answered yet."


@pytest.fixture
def unscreened(clinic, physician):
    return PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)


def _create(physician, patient, **changes):
    return services.plan_create(actor=physician.user, patient=patient, reason="Start", **(PLAN | changes))


def test_a_patient_who_never_answered_cannot_get_an_active_plan(physician, unscreened):
    with pytest.raises(DomainError) as refused:
        _create(physician, unscreened)
    assert refused.value.message == UNANSWERED
    assert refused.value.code == "not_cleared"
    assert not TreatmentPlan.objects.filter(patient=unscreened).exists()


def test_a_screen_waiting_for_review_refuses_an_active_plan(physician, unscreened):
    answered_screen(unscreened, "liver")
    with pytest.raises(DomainError, match=NEEDS_REVIEW):
        _create(physician, unscreened)
    assert not TreatmentPlan.objects.filter(patient=unscreened).exists()


def test_a_paused_plan_can_be_written_but_not_resumed_until_cleared(physician, unscreened):
    answered_screen(unscreened, "liver")
    plan = _create(physician, unscreened, status=PlanStatus.PAUSED)
    services.plan_revise(actor=physician.user, plan=plan, reason="Lower start", dose_mg="40")
    with pytest.raises(DomainError, match=NEEDS_REVIEW):
        services.plan_resume(actor=physician.user, plan=plan, reason="Ready")
    with pytest.raises(DomainError, match=NEEDS_REVIEW):
        services.plan_revise(actor=physician.user, plan=plan, reason="Ready", status=PlanStatus.ACTIVE)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PAUSED
    assert PlanVersion.objects.filter(plan=plan).count() == 2

    screen = unscreened.eligibility_screens.get()
    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="liver", decision="proceed", note="Liver function normal in May."
    )
    services.plan_resume(actor=physician.user, plan=plan, reason="Cleared")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_an_active_plan_can_still_be_paused_and_completed_when_a_re_screen_needs_review(physician, patient):
    plan = _create(physician, patient)
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    answered_screen(patient, "pregnant")
    services.plan_pause(actor=physician.user, plan=plan, reason="Pregnancy reported on the re-screen")
    with pytest.raises(DomainError, match=NEEDS_REVIEW):
        services.plan_resume(actor=physician.user, plan=plan, reason="Resume")
    services.plan_complete(actor=physician.user, plan=plan, reason="Stopping treatment")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED
