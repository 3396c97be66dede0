"""PHQ-9 flags `suicidality` when item 9 is above 0, whatever the total (CLINICAL.md sections 1 and 6): the flag
that shows crisis resources and raises a critical alert."""

import pytest

from monitoring import instruments
from tests.monitoring.instrument_data import lowest


@pytest.mark.parametrize("q9", [1, 2, 3])
def test_item9_above_0_flags_suicidality_even_with_a_minimal_total(q9):
    result = instruments.score("phq9", lowest("phq9") | {"q9": q9})
    assert result.total == q9
    assert result.band == "minimal"
    assert result.flags == frozenset({"suicidality"})


def test_item9_at_1_with_a_total_of_1_is_flagged():
    result = instruments.score("phq9", lowest("phq9") | {"q9": 1})
    assert (result.total, "suicidality" in result.flags) == (1, True)


def test_item9_at_0_with_a_severe_total_is_not_flagged():
    answers = {f"q{n}": 3 for n in range(1, 9)} | {"q9": 0}
    result = instruments.score("phq9", answers)
    assert (result.total, result.band, result.flags) == (24, "severe", frozenset())


def test_gad7_has_no_flags():
    assert instruments.score("gad7", {f"q{n}": 3 for n in range(1, 8)}).flags == frozenset()
