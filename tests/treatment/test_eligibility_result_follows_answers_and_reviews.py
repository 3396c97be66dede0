"""A screen's result (CLINICAL.md section 1): cleared when every answer is no or every "yes" was reviewed "proceed";
not cleared when every "yes" was reviewed and one was "do not proceed"; needs review while any "yes" is not reviewed.
Pure: no database."""

from tests.treatment.eligibility_data import ALL_NO, answers
from treatment import eligibility


def test_all_no_is_cleared_with_no_review():
    assert eligibility.result(ALL_NO, {}) == "cleared"


def test_a_yes_not_reviewed_needs_review():
    assert eligibility.result(answers("liver"), {}) == "needs_review"


def test_every_yes_reviewed_proceed_is_cleared():
    reviews = {"liver": "proceed", "cardiac": "proceed"}
    assert eligibility.result(answers("liver", "cardiac"), reviews) == "cleared"


def test_every_yes_reviewed_with_one_do_not_proceed_is_not_cleared():
    reviews = [("liver", "proceed"), ("cardiac", "do_not_proceed")]
    assert eligibility.result(answers("liver", "cardiac"), reviews) == "not_cleared"


def test_do_not_proceed_waits_for_the_other_reviews_before_deciding():
    assert eligibility.result(answers("liver", "cardiac"), {"cardiac": "do_not_proceed"}) == "needs_review"


def test_a_review_of_an_item_answered_no_counts_for_nothing():
    assert eligibility.result(answers("liver"), {"glaucoma": "proceed"}) == "needs_review"
    assert eligibility.result(ALL_NO, {"glaucoma": "do_not_proceed"}) == "cleared"


def test_the_yes_items_come_in_the_order_of_clinical_md():
    assert eligibility.yes_items(answers("no_sitter", "htn_uncontrolled", "sud")) == [
        "htn_uncontrolled",
        "sud",
        "no_sitter",
    ]
