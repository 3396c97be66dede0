"""The items marked C in CLINICAL.md section 1 (ketamine and esketamine labelling) are the contraindications; only
proceeding despite one needs a reason. Pure: no database."""

import pytest

from tests.treatment.eligibility_data import answers
from treatment import eligibility

MARKED_C = {"htn_uncontrolled", "vascular", "cardiac", "hypersensitivity", "pregnant", "psychosis"}


@pytest.mark.parametrize("item", eligibility.ITEMS)
def test_an_item_is_a_contraindication_exactly_when_marked_c(item):
    assert eligibility.is_contraindication(item) is (item in MARKED_C)


@pytest.mark.parametrize("item", eligibility.ITEMS)
def test_a_reason_to_proceed_is_needed_only_to_proceed_despite_a_contraindication(item):
    assert eligibility.needs_reason_to_proceed(item, "proceed") is (item in MARKED_C)
    assert eligibility.needs_reason_to_proceed(item, "do_not_proceed") is False


def test_the_contraindications_answered_yes_are_listed():
    assert eligibility.contraindications_answered_yes(answers("liver", "pregnant", "cardiac")) == [
        "cardiac",
        "pregnant",
    ]
