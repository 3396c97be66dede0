"""PEG-3's total is the mean of its three items, a Decimal rounded half-up to one decimal (Krebs 2009;
CLINICAL.md section 1: 7, 8, 8 -> 7.7).

Three whole numbers never have a mean that is a tie at the second decimal (x.x5 would need 3 x mean to be a whole
number), so no answer set separates half-up from banker's rounding; the exhaustive test below proves every one of
the 1331 answer sets against an exact half-up reference, which also catches truncation (1, 2, 2 -> 1.6) and float
drift."""

import decimal
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest

from monitoring import instruments

KEYS = ("pain", "enjoyment", "activity")


def peg3(*answers):
    return instruments.score("peg3", dict(zip(KEYS, answers, strict=True))).total


@pytest.mark.parametrize(
    ("answers", "total"),
    [
        ((7, 8, 8), "7.7"),
        ((1, 2, 2), "1.7"),  # 1.666... rounds up, truncation would give 1.6
        ((0, 0, 1), "0.3"),  # 0.333... rounds down
        ((0, 0, 2), "0.7"),
        ((1, 1, 2), "1.3"),
        ((9, 10, 10), "9.7"),
        ((5, 5, 5), "5.0"),
        ((0, 0, 0), "0.0"),
        ((10, 10, 10), "10.0"),
    ],
)
def test_mean_to_one_decimal(answers, total):
    result = peg3(*answers)
    assert type(result) is Decimal
    assert str(result) == total


def test_every_answer_set_is_the_exact_mean_rounded_half_up():
    for answers in itertools.product(range(11), repeat=3):
        exact = Fraction(sum(answers), 3)
        tenths = int(exact * 10 + Fraction(1, 2))  # floor(10 x mean + 1/2): half-up for non-negative numbers
        assert peg3(*answers) == Decimal(tenths) / 10, answers


def test_no_mean_of_three_whole_numbers_is_a_tie_where_bankers_rounding_would_differ():
    for total in range(31):
        hundredths = Fraction(total, 3) * 100
        assert not (hundredths.denominator == 1 and hundredths.numerator % 10 == 5)


@pytest.mark.parametrize("rounding", [decimal.ROUND_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR])
def test_the_decimal_context_changes_nothing(rounding):
    with decimal.localcontext(prec=2, rounding=rounding):
        assert [str(peg3(1, 2, 2)), str(peg3(9, 10, 10)), str(peg3(10, 10, 10))] == ["1.7", "9.7", "10.0"]
