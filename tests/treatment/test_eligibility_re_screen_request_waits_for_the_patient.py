"""A physician of the care team asks for a re-screen (for example, yearly): it waits for the patient's answers — one at
a time, as the database enforces — shows on their Today page and on their questions page, and changes nothing until
they answer it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.eligibility_data import answered_screen
from treatment import eligibility_selectors, eligibility_services
from treatment.models import EligibilityScreen, EligibilityStatus


def test_a_re_screen_waits_for_the_patients_answers(client, physician, patient):
    screen = eligibility_services.eligibility_rescreen_request(
        actor=physician.user, patient=patient, reason="  Yearly   re-screen "
    )
    assert (screen.status, screen.requested_by, screen.request_reason) == (
        EligibilityStatus.REQUESTED,
        physician.user,
        "Yearly re-screen",
    )
    assert (screen.answered_at, screen.answers) == (None, {})
    current = eligibility_selectors.eligibility_current(patient)
    assert (current.status, current.waiting, current.to_answer) == ("cleared", screen, True)

    client.force_login(patient.user)
    today = client.get(reverse("today")).content.decode()
    assert "Answer the eligibility questions" in today
    assert "Your care team asks you to answer the eligibility questions again." in today
    page = client.get(reverse("eligibility")).content.decode()
    assert "“Yearly re-screen”" in page
    assert page.count('type="radio"') == 22

    answered = answered_screen(patient)
    assert answered.pk == screen.pk
    assert answered.status == EligibilityStatus.CLEARED
    assert "Answer the eligibility questions" not in client.get(reverse("today")).content.decode()


def test_only_one_re_screen_waits_at_a_time(physician, patient):
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    with pytest.raises(DomainError, match="A re-screen is already waiting for Maya Patel's answers"):
        eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Again")
    with pytest.raises(IntegrityError, match="eligibility_one_request_waiting"):
        EligibilityScreen.objects.create(
            patient=patient, clinic=patient.clinic, status=EligibilityStatus.REQUESTED, requested_by=physician.user
        )


def test_a_re_screen_needs_a_reason_and_waits_for_the_current_review(physician, patient):
    with pytest.raises(DomainError, match="Say why"):
        eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason=" ")
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    answered_screen(patient, "bladder")
    with pytest.raises(DomainError, match="Review the answers waiting on Maya Patel's current screen first"):
        eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Again")


def test_with_nothing_waiting_the_patient_cannot_answer_again(patient):
    with pytest.raises(DomainError) as refused:
        answered_screen(patient, "liver")
    assert refused.value.code == "already_answered"
    assert EligibilityScreen.objects.filter(patient=patient).count() == 1
    assert eligibility_selectors.is_cleared(patient)
