"""Bands change exactly at the published boundaries, on both sides (CLINICAL.md section 1: NRS by common clinical
convention; PHQ-9 Kroenke 2001; GAD-7 Spitzer 2006; PGIC one band per answer)."""

import pytest
from django.core.exceptions import ValidationError

from monitoring import instruments
from tests.monitoring.instrument_data import totalling

BOUNDARIES = [
    ("nrs", 0, "none"),
    ("nrs", 1, "mild"),
    ("nrs", 3, "mild"),
    ("nrs", 4, "moderate"),
    ("nrs", 6, "moderate"),
    ("nrs", 7, "severe"),
    ("nrs", 10, "severe"),
    ("phq9", 0, "minimal"),
    ("phq9", 4, "minimal"),
    ("phq9", 5, "mild"),
    ("phq9", 9, "mild"),
    ("phq9", 10, "moderate"),
    ("phq9", 14, "moderate"),
    ("phq9", 15, "moderately_severe"),
    ("phq9", 19, "moderately_severe"),
    ("phq9", 20, "severe"),
    ("phq9", 27, "severe"),
    ("gad7", 0, "minimal"),
    ("gad7", 4, "minimal"),
    ("gad7", 5, "mild"),
    ("gad7", 9, "mild"),
    ("gad7", 10, "moderate"),
    ("gad7", 14, "moderate"),
    ("gad7", 15, "severe"),
    ("gad7", 21, "severe"),
    ("pgic", 1, "very_much_improved"),
    ("pgic", 2, "much_improved"),
    ("pgic", 3, "minimally_improved"),
    ("pgic", 4, "no_change"),
    ("pgic", 5, "minimally_worse"),
    ("pgic", 6, "much_worse"),
    ("pgic", 7, "very_much_worse"),
]


@pytest.mark.parametrize(("code", "total", "band"), BOUNDARIES)
def test_total_falls_in_its_band(code, total, band):
    result = instruments.score(code, totalling(code, total))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("code", "total"), [("phq9", t) for t in range(28)] + [("gad7", t) for t in range(22)])
def test_every_total_has_exactly_one_band(code, total):
    bands = [b.key for b in instruments.get(code).bands if b.min <= total <= b.max]
    assert len(bands) == 1
    assert instruments.score(code, totalling(code, total)).band == bands[0]


@pytest.mark.parametrize(
    "answers", [{"pain": 7, "enjoyment": 8, "activity": 8}, {"q1": 5, "q2": 5, "q3": 5, "q4": 5, "blood": 0}]
)
def test_peg3_and_bladder_have_no_band(answers):
    code = "peg3" if "pain" in answers else "bladder"
    assert instruments.score(code, answers).band is None


RANKS = [
    ("phq9", ["minimal", "mild", "moderate", "moderately_severe", "severe"]),
    ("gad7", ["minimal", "mild", "moderate", "severe"]),
    ("nrs", ["none", "mild", "moderate", "severe"]),
    (
        "pgic",
        [
            "very_much_improved",
            "much_improved",
            "minimally_improved",
            "no_change",
            "minimally_worse",
            "much_worse",
            "very_much_worse",
        ],
    ),
]


@pytest.mark.parametrize(("code", "bands"), RANKS)
def test_band_rank_rises_from_the_best_band_to_the_worst(code, bands):
    assert [instruments.band_rank(code, band) for band in bands] == list(range(len(bands)))


def test_a_mood_band_rise_is_a_higher_rank():
    # CLINICAL.md section 3, mood worsening: a phq9 or gad7 band higher than the previous response's.
    assert instruments.band_rank("phq9", "moderate") > instruments.band_rank("phq9", "mild")
    assert not instruments.band_rank("gad7", "mild") > instruments.band_rank("gad7", "mild")


@pytest.mark.parametrize(("code", "band"), [("phq9", "moderately"), ("gad7", "moderately_severe"), ("peg3", None)])
def test_band_rank_of_a_band_the_instrument_lacks_is_refused(code, band):
    with pytest.raises(ValidationError, match=code):
        instruments.band_rank(code, band)
