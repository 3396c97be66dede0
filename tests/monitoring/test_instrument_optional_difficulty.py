"""PHQ-9 and GAD-7 have an optional, unscored `difficulty` item: it may be absent; when present it is validated
(0-3) and never counted (CLINICAL.md section 1)."""

import pytest
from django.core.exceptions import ValidationError

from monitoring import instruments

ANSWERS = {
    "phq9": {f"q{n}": 1 for n in range(1, 10)},
    "gad7": {f"q{n}": 1 for n in range(1, 8)},
}


@pytest.mark.parametrize("code", ["phq9", "gad7"])
def test_difficulty_may_be_absent(code):
    assert instruments.score(code, ANSWERS[code]).total == len(ANSWERS[code])


@pytest.mark.parametrize("code", ["phq9", "gad7"])
@pytest.mark.parametrize("difficulty", [0, 1, 2, 3])
def test_difficulty_is_accepted_and_not_counted(code, difficulty):
    result = instruments.score(code, ANSWERS[code] | {"difficulty": difficulty})
    assert result.total == len(ANSWERS[code])
    assert result.flags == (frozenset({"suicidality"}) if code == "phq9" else frozenset())


@pytest.mark.parametrize("code", ["phq9", "gad7"])
@pytest.mark.parametrize("difficulty", [4, -1, True, "2", None])
def test_a_bad_difficulty_is_refused_naming_it(code, difficulty):
    with pytest.raises(ValidationError) as refused:
        instruments.score(code, ANSWERS[code] | {"difficulty": difficulty})
    assert list(refused.value.message_dict) == ["difficulty"]


@pytest.mark.parametrize("code", ["nrs", "peg3", "pgic", "bladder"])
def test_other_instruments_have_no_difficulty_item(code):
    answers = {item.key: item.values[0] for item in instruments.get(code).items}
    with pytest.raises(ValidationError, match=f"{code} has no item difficulty"):
        instruments.score(code, answers | {"difficulty": 0})
