"""The sitter's phone is plausible when it has only digits, spaces, +, - and brackets, 7 to 20 characters with at
least 7 digits; anything else is refused with a message that says so, whoever enters it."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.session_data import good_check
from tests.treatment.session_page_data import CHECK_FORM
from treatment import services
from treatment.gates import validate_sitter_phone
from treatment.models import TreatmentSession

NEEDED = "Enter your sitter's phone number"
RULE = "can have only digits, spaces, +, - and brackets, 7 to 20 characters with at least 7 digits"


@pytest.mark.parametrize(
    "phone",
    ["5550101", "+1 555 0101", "+44 (0)20 7946 0958", "(312) 555-0101", "+1-555-010-1234-5678", "  555   0101  "],
)
def test_plausible_phones_pass(phone):
    validate_sitter_phone(phone, sitter_required=True, sitter_present=True, sitter_name="Sam Patel")


@pytest.mark.parametrize(
    "phone",
    [
        "555 010",  # 7 characters, 6 digits
        "555010",  # 6 characters
        "+1 555 0101 0101 0101 01",  # 21 characters or more
        "call Sam",
        "555.0101.22",  # dots are not in the rule
        "+1 555 0101 ext 2",
        "(((((((",
    ],
)
def test_implausible_phones_are_refused_with_the_rule(phone):
    with pytest.raises(ValidationError, match="can have only digits"):
        validate_sitter_phone(phone, sitter_required=False, sitter_present=True, sitter_name="Sam Patel")


@pytest.mark.parametrize(
    ("sitter_required", "present", "name", "needed"),
    [
        (True, True, "Sam Patel", True),  # the plan asks for a sitter and one is named: their phone is needed
        (True, True, "   ", False),  # nobody named: the sitter gate holds, whatever the phone
        (True, False, "Sam Patel", False),  # not present: the sitter gate holds
        (False, True, "Sam Patel", False),  # the plan does not ask for a sitter: the phone is optional
    ],
)
def test_the_phone_is_needed_only_for_a_named_sitter_the_plan_asks_for(sitter_required, present, name, needed):
    facts = {"sitter_required": sitter_required, "sitter_present": present, "sitter_name": name}
    if needed:
        with pytest.raises(ValidationError, match=NEEDED):
            validate_sitter_phone("", **facts)
    else:
        validate_sitter_phone("", **facts)


def test_the_service_refuses_an_implausible_phone(ready_patient):
    with pytest.raises(DomainError, match=re.escape(RULE)):
        services.session_check_before_dose(
            actor=ready_patient.user, patient=ready_patient, check=good_check(sitter_phone="Sam's mobile")
        )
    assert not TreatmentSession.objects.exists()


def test_the_page_refuses_an_implausible_phone_by_its_field(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"sitter_phone": "12"})
    assert RULE in " ".join(response.context["form"].errors["sitter_phone"])
    assert not TreatmentSession.objects.exists()
