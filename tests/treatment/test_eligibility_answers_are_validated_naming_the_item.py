"""Every item present, each answer the int 0 or 1, no unknown key: otherwise a ValidationError naming the item
(the same contract as monitoring.instruments.score). Pure: no database."""

import pytest
from django.core.exceptions import ValidationError

from tests.treatment.eligibility_data import ALL_NO, answers
from treatment import eligibility


def test_complete_answers_come_back_in_clinical_md_order():
    given = dict(reversed(list(answers("vascular").items())))
    cleaned = eligibility.validate_answers(given)
    assert list(cleaned) == list(eligibility.ITEMS)
    assert cleaned["vascular"] == 1
    assert sum(cleaned.values()) == 1


def test_a_missing_item_is_named():
    given = dict(ALL_NO)
    del given["glaucoma"]
    with pytest.raises(ValidationError, match="glaucoma"):
        eligibility.validate_answers(given)


def test_an_unknown_item_is_named():
    with pytest.raises(ValidationError, match="smoker"):
        eligibility.validate_answers(ALL_NO | {"smoker": 1})


@pytest.mark.parametrize("value", [True, False, 2, -1, "1", 1.0, None])
def test_an_answer_other_than_0_or_1_is_refused_naming_the_item(value):
    with pytest.raises(ValidationError, match="pregnant"):
        eligibility.validate_answers(ALL_NO | {"pregnant": value})


def test_answers_that_are_not_a_mapping_are_refused():
    with pytest.raises(ValidationError):
        eligibility.validate_answers([("liver", 0)])
