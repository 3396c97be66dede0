"""The dashboard derives change % and responders in Python from the outcome inputs (outcomes.derive) because SQL
would repeat each input in every expression; the figures must be exactly those annotate_outcomes computes in SQL."""

import pytest

from accounts.models import Patient
from monitoring import outcomes
from tests.factories import PatientFactory
from tests.monitoring.outcome_data import FIRST, days, response, session

FIELDS = [name for name in outcomes.FIELDS if name != "outcome_instrument"]


@pytest.mark.parametrize(
    ("baseline", "later"),
    [
        (8, [(25, 5), (30, 4), (80, 3)]),  # moderate at week 4, substantial at week 12
        (6, [(28, 6)]),  # no change
        (4, [(24, 7), (90, 6)]),  # worse
        (0, [(30, 2)]),  # baseline 0: percentages undefined
        (3, [(30, 2)]),  # a third: a repeating decimal
        (None, []),  # no response at all
    ],
)
def test_derive_matches_annotate_outcomes(clinic, physician, baseline, later):
    patient = PatientFactory(clinic=clinic, care_team=[physician])
    session(patient, FIRST)
    if baseline is not None:
        response(patient, "peg3", baseline, days(-1))
    for day, total in later:
        response(patient, "peg3", total, days(day))
    in_sql = outcomes.annotate_outcomes(Patient.objects.filter(pk=patient.pk)).get()
    in_python = outcomes.derive(outcomes.annotate_outcome_inputs(Patient.objects.filter(pk=patient.pk)).get())
    for name in FIELDS:
        python_value, sql_value = getattr(in_python, name), getattr(in_sql, name)
        if name.endswith("_percent") and sql_value is not None:
            # PostgreSQL's numeric division keeps 16 places, Python's Decimal 28 significant digits.
            python_value, sql_value = (round(value, 10) for value in (python_value, sql_value))
        assert python_value == sql_value, name
