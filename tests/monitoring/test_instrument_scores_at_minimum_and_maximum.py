"""Every instrument scores its lowest and highest answers to the ends of its range (CLINICAL.md section 1), with
the result the scoring contract promises: total, band, flags (a frozenset) and subscales (a dict)."""

from decimal import Decimal

import pytest

from monitoring import instruments
from tests.monitoring.instrument_data import highest, lowest

MINIMUM = [
    # code, total, band, flags
    ("nrs", 0, "none", frozenset()),
    ("peg3", Decimal("0.0"), None, frozenset()),
    ("phq9", 0, "minimal", frozenset()),
    ("gad7", 0, "minimal", frozenset()),
    ("pgic", 1, "very_much_improved", frozenset({"responder"})),
    ("bladder", 0, None, frozenset()),
]
MAXIMUM = [
    ("nrs", 10, "severe", frozenset()),
    ("peg3", Decimal("10.0"), None, frozenset()),
    ("phq9", 27, "severe", frozenset({"suicidality"})),
    ("gad7", 21, "severe", frozenset()),
    ("pgic", 7, "very_much_worse", frozenset()),
    ("bladder", 20, None, frozenset({"hematuria", "bladder_pain"})),
]


def test_the_six_instruments_are_the_public_codes():
    assert instruments.INSTRUMENT_CODES == ("nrs", "peg3", "phq9", "gad7", "pgic", "bladder")


@pytest.mark.parametrize(("code", "total", "band", "flags"), MINIMUM)
def test_lowest_answers_give_the_lowest_total(code, total, band, flags):
    result = instruments.score(code, lowest(code))
    assert (result.total, result.band, result.flags, result.subscales) == (total, band, flags, {})


@pytest.mark.parametrize(("code", "total", "band", "flags"), MAXIMUM)
def test_highest_answers_give_the_highest_total(code, total, band, flags):
    result = instruments.score(code, highest(code))
    assert (result.total, result.band, result.flags, result.subscales) == (total, band, flags, {})


@pytest.mark.parametrize("code", ["nrs", "phq9", "gad7", "pgic", "bladder"])
def test_summed_totals_are_ints_not_bools_or_decimals(code):
    result = instruments.score(code, highest(code))
    assert type(result.total) is int
    assert isinstance(result.flags, frozenset)
    assert type(result.subscales) is dict


def test_peg3_total_is_a_decimal_with_one_decimal_place():
    result = instruments.score("peg3", highest("peg3"))
    assert type(result.total) is Decimal
    assert str(result.total) == "10.0"


@pytest.mark.parametrize("code", instruments.INSTRUMENT_CODES)
def test_the_result_carries_the_version_answered(code):
    result = instruments.score(code, lowest(code))
    assert (result.code, result.version) == (code, instruments.get(code).version)
