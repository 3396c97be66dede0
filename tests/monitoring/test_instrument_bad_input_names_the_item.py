"""Bad answers raise ValidationError naming the item (CLINICAL.md, the scoring contract): a missing, unknown,
non-integer (a bool, a string, a float, a Decimal, None) or out-of-range answer, for every item of every
instrument; an unknown instrument code raises the same, naming the code. Every bad item is reported at once."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from monitoring import instruments
from tests.monitoring.instrument_data import lowest

ITEMS = [(code, item.key) for code in instruments.INSTRUMENT_CODES for item in instruments.get(code).items]
REQUIRED = [(code, key) for code, key in ITEMS if instruments.get(code).item(key).required]


def refusal(code, answers):
    with pytest.raises(ValidationError) as refused:
        instruments.score(code, answers)
    return refused.value


@pytest.mark.parametrize(("code", "key"), REQUIRED)
def test_a_missing_answer_is_refused_naming_the_item(code, key):
    answers = lowest(code)
    del answers[key]
    assert refusal(code, answers).message_dict == {key: [f"{key} of {code} needs an answer."]}


@pytest.mark.parametrize("code", instruments.INSTRUMENT_CODES)
@pytest.mark.parametrize("key", ["q10", "Q1", "pain_now", "", 1])
def test_an_unknown_item_is_refused_naming_it(code, key):
    error = refusal(code, lowest(code) | {key: 0})
    assert error.message_dict == {str(key): [f"{code} has no item {key}."]}


@pytest.mark.parametrize(("code", "key"), ITEMS)
@pytest.mark.parametrize("value", [True, False, "1", 1.0, Decimal(1), None, [1]])
def test_anything_but_an_int_is_refused_naming_the_item(code, key, value):
    error = refusal(code, lowest(code) | {key: value})
    assert list(error.message_dict) == [key]
    (message,) = error.messages
    assert message.startswith(f"{key} of {code} must be a whole number")
    assert message.endswith(f"got {value!r}.")


@pytest.mark.parametrize(("code", "key"), ITEMS)
def test_values_just_outside_the_options_are_refused_naming_the_item(code, key):
    item = instruments.get(code).item(key)
    choices = ", ".join(str(v) for v in item.values)
    for value in (item.values[0] - 1, item.values[-1] + 1):
        error = refusal(code, lowest(code) | {key: value})
        assert error.message_dict == {key: [f"{key} of {code} must be one of {choices}; got {value}."]}


def test_every_bad_item_is_reported_together():
    answers = lowest("phq9") | {"q1": 4, "q2": True, "q10": 0}
    del answers["q9"]
    assert sorted(refusal("phq9", answers).message_dict) == ["q1", "q10", "q2", "q9"]


@pytest.mark.parametrize("answers", [None, [("q1", 0)], "q1=0"])
def test_answers_must_be_a_mapping(answers):
    assert refusal("gad7", answers).messages == ["Answers to gad7 must map each item key to a whole number."]


@pytest.mark.parametrize("code", ["phq10", "PHQ9", "", None, "bpi"])
def test_an_unknown_instrument_is_refused_naming_the_code(code):
    error = refusal(code, {"q1": 0})
    assert error.messages == [f"Unknown instrument {code!r}; known instruments: nrs, peg3, phq9, gad7, pgic, bladder."]
