"""Daily MME = mg per dose x doses per day x the CDC 2022 factor, as an exact Decimal to two places (CLINICAL.md
section 4), for every drug of the table, with the guideline's own examples."""

from decimal import Decimal

import pytest

from monitoring.models import OpioidDrug
from monitoring.opioids import MME_CAUTION, MME_FACTORS, MME_REFERENCE_LINES, daily_mme

EVERY_DRUG = [
    # drug, mg per dose (mcg/h for the patch), doses per day, daily MME — factor from CDC 2022
    ("codeine", 30, 4, "18.00"),  # 0.15
    ("fentanyl_transdermal", 25, 1, "60.00"),  # 2.4 per mcg/h
    ("hydrocodone", 5, 4, "20.00"),  # 1.0 — the guideline's example
    ("hydromorphone", 4, 4, "80.00"),  # 5.0
    ("methadone", 10, 3, "141.00"),  # 4.7
    ("morphine", 15, 2, "30.00"),  # 1.0
    ("oxycodone", 10, 2, "30.00"),  # 1.5 — the guideline's example
    ("oxymorphone", 5, 2, "30.00"),  # 3.0
    ("tapentadol", 50, 4, "80.00"),  # 0.4
    ("tramadol", 50, 4, "40.00"),  # 0.2
]


@pytest.mark.parametrize(("drug", "mg", "doses", "mme"), EVERY_DRUG)
def test_daily_mme_of_every_drug(drug, mg, doses, mme):
    result = daily_mme(drug, mg, doses)
    assert type(result) is Decimal
    assert str(result) == mme


def test_every_drug_of_the_model_has_a_factor_and_no_other():
    assert set(MME_FACTORS) == set(OpioidDrug.values)
    assert {drug for drug, *_ in EVERY_DRUG} == set(MME_FACTORS)


def test_the_guideline_examples():
    assert daily_mme("hydrocodone", 5, 4) == 20
    assert daily_mme("oxycodone", 10, 2) == 30


def test_codeine_has_no_float_rounding():
    assert str(daily_mme("codeine", 30, 4)) == "18.00"
    assert str(daily_mme("codeine", Decimal("30.00"), 4)) == "18.00"


@pytest.mark.parametrize(
    ("drug", "mg", "doses", "mme"),
    [
        ("oxycodone", Decimal("7.5"), 4, "45.00"),
        ("hydromorphone", Decimal("0.5"), 3, "7.50"),
        ("codeine", Decimal("7.25"), 1, "1.09"),  # 1.0875 rounds half-up to the stored two places
        ("codeine", Decimal("8.3"), 1, "1.25"),  # 1.245 exactly: a tie, half-up (banker's would give 1.24)
    ],
)
def test_decimal_doses_are_exact_and_rounded_half_up_to_cents(drug, mg, doses, mme):
    assert str(daily_mme(drug, mg, doses)) == mme


def test_chart_reference_lines_and_caution():
    assert (Decimal(50), Decimal(90)) == MME_REFERENCE_LINES
    assert MME_CAUTION == "MME compares exposure over time; it is not a conversion table between opioids."
