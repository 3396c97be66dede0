"""A plan that asks for a sitter needs the sitter's phone at the pre-dose check (shown first when the patient asks for
help): a present, named sitter without a phone is refused with nothing recorded, on the page and in the service.
Without a sitter the sitter gate holds, whatever the phone; a plan without a sitter asks for no phone."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.session_data import good_check
from tests.treatment.session_page_data import CHECK_FORM
from treatment import services
from treatment.models import SessionStatus, TreatmentSession

MISSING = "Enter your sitter's phone number, so that they can be called if you need help during the session."


def test_the_service_refuses_a_named_sitter_without_a_phone(ready_patient):
    with pytest.raises(DomainError, match="Enter your sitter's phone number"):
        services.session_check_before_dose(
            actor=ready_patient.user, patient=ready_patient, check=good_check(sitter_phone="  ")
        )
    assert not TreatmentSession.objects.exists()


def test_the_page_shows_the_message_by_the_field_and_records_nothing(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"sitter_phone": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["sitter_phone"] == [MISSING]
    assert "Nothing was recorded" in response.content.decode()
    assert not TreatmentSession.objects.exists()


def test_no_sitter_is_held_by_the_sitter_gate_without_asking_for_a_phone(ready_patient):
    outcome = services.session_check_before_dose(
        actor=ready_patient.user,
        patient=ready_patient,
        check=good_check(sitter_present=False, sitter_name="", sitter_phone=""),
    )
    assert outcome.session.status == SessionStatus.HELD
    assert outcome.result.codes == ("sitter",)


def test_a_plan_without_a_sitter_asks_for_no_phone(client, physician, ready_patient):
    plan = ready_patient.treatment_plans.get()
    services.plan_revise(actor=physician.user, plan=plan, reason="Lives with family", sitter_required=False)
    client.force_login(ready_patient.user)
    assert "Your sitter&#x27;s phone (optional)" in client.get(reverse("session_new")).content.decode()
    outcome = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(sitter_phone="")
    )
    assert outcome.session.status == SessionStatus.IN_PROGRESS
