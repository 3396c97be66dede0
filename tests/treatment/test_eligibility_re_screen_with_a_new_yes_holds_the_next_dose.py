"""A re-screen answered with a new "yes" holds the next dose at the pre-dose check (the "plan active" gates) until a
physician of the care team has reviewed it; the patient is told why in plain words."""

from accounts.models import AuditEvent
from monitoring.models import Alert, AlertKind
from tests.treatment.eligibility_data import answered_screen
from tests.treatment.session_data import good_check
from treatment import eligibility_selectors, eligibility_services, services
from treatment.models import SessionStatus

HELD = (
    "Your answers to the eligibility questions need your care team's review before your next dose. "
    "Do not take a dose now."
)


def test_a_new_yes_holds_until_reviewed(ready_patient, physician):
    patient = ready_patient
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly re-screen")
    # Waiting for the patient's answers changes nothing: the answered screen before it still decides.
    assert eligibility_selectors.is_cleared(patient)

    screen = answered_screen(patient, "cardiac")
    held = services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check())

    assert held.session.status == SessionStatus.HELD
    assert held.session.gate_failures == [{"code": "eligibility", "message": HELD}]
    assert Alert.objects.filter(patient=patient, kind=AlertKind.DOSE_HELD).get().summary == (
        "Session held before dosing: eligibility screen not cleared."
    )

    eligibility_services.eligibility_review(
        actor=physician.user,
        screen=screen,
        item="cardiac",
        decision="proceed",
        note="Chest pain was musculoskeletal; cardiology letter on file.",
        reason_to_proceed="No heart attack, stroke or unstable angina: cardiology ruled it out.",
    )
    passed = services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check())
    assert passed.session.status == SessionStatus.IN_PROGRESS
    assert passed.session.gate_failures == []
    assert AuditEvent.objects.filter(object_type="eligibility_review", patient=patient).count() == 1
