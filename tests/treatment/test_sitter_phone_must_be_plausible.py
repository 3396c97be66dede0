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

RULE = "can have only digits, spaces, +, - and brackets, 7 to 20 characters with at least 7 digits"


@pytest.mark.parametrize(
    "phone",
    ["5550101", "+1 555 0101", "+44 (0)20 7946 0958", "(312) 555-0101", "+1-555-010-1234-5678", "  555   0101  "],
)
def test_plausible_phones_pass(phone):
    validate_sitter_phone(phone, required=True)


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
        validate_sitter_phone(phone, required=False)


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
