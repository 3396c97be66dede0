"""An eligibility screen answered "no" to every item clears the patient at once: no physician's review, no alert, and
a plan can be activated (CLINICAL.md section 1)."""

from accounts.models import AuditAction, AuditEvent
from monitoring.models import Alert
from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from tests.treatment.plan_data import PLAN
from treatment import eligibility_selectors, services
from treatment.models import EligibilityStatus, PlanStatus


def test_all_no_clears_at_once_and_the_plan_can_be_activated(clinic, physician):
    patient = PatientFactory(clinic=clinic, care_team=[physician], cleared=False)
    assert eligibility_selectors.eligibility_status(patient) == "unanswered"

    screen = answered_screen(patient)

    assert screen.status == EligibilityStatus.CLEARED
    assert screen.decided_at == screen.answered_at
    assert (screen.answered_by, screen.requested_by) == (patient.user, None)
    assert not screen.reviews.exists()
    assert eligibility_selectors.is_cleared(patient)
    assert not Alert.objects.filter(patient=patient).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="eligibility_screen", object_id=str(screen.pk), patient=patient
    ).exists()
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    assert plan.status == PlanStatus.ACTIVE
