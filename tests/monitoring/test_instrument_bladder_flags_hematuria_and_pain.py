"""The bladder check (ICSI items + local `blood`) flags `hematuria` when blood = 1 and `bladder_pain` when q4 >= 3;
q4 has no option 1 (O'Leary 1997), and `blood` is never counted in the total (CLINICAL.md section 1)."""

import pytest
from django.core.exceptions import ValidationError

from monitoring import instruments

QUIET = {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "blood": 0}


def test_blood_in_the_urine_flags_hematuria_and_adds_nothing_to_the_total():
    result = instruments.score("bladder", QUIET | {"blood": 1})
    assert (result.total, result.flags) == (0, frozenset({"hematuria"}))


@pytest.mark.parametrize(("q4", "flagged"), [(0, False), (2, False), (3, True), (4, True), (5, True)])
def test_bladder_pain_from_fairly_often_up(q4, flagged):
    result = instruments.score("bladder", QUIET | {"q4": q4})
    assert result.total == q4
    assert result.flags == (frozenset({"bladder_pain"}) if flagged else frozenset())


def test_both_flags_together():
    result = instruments.score("bladder", {"q1": 1, "q2": 2, "q3": 1, "q4": 3, "blood": 1})
    assert (result.total, result.flags) == (7, frozenset({"hematuria", "bladder_pain"}))


def test_q4_has_no_option_1():
    with pytest.raises(ValidationError) as refused:
        instruments.score("bladder", QUIET | {"q4": 1})
    assert refused.value.message_dict == {"q4": ["q4 of bladder must be one of 0, 2, 3, 4, 5; got 1."]}


def test_the_blood_question_must_be_answered():
    # A safety question: a missing answer must not read as "no" (monitoring.instruments docstring).
    answers = dict(QUIET)
    del answers["blood"]
    with pytest.raises(ValidationError) as refused:
        instruments.score("bladder", answers)
    assert refused.value.message_dict == {"blood": ["blood of bladder needs an answer."]}


@pytest.mark.parametrize("blood", [2, -1, True])
def test_blood_is_no_or_yes_only(blood):
    with pytest.raises(ValidationError, match="blood of bladder"):
        instruments.score("bladder", QUIET | {"blood": blood})
