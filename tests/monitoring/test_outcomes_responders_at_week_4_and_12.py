"""Responders on the outcomes page, from monitoring.outcomes (IMMPACT, CLINICAL.md section 3): of the patients whose
week-4 (days 22-35) or week-12 (days 77-91) window can be assessed, how many improved by ≥ 30 % and by ≥ 50 %, with
that denominator. A patient with no first session, no answer in the window or a baseline of 0 is not assessed."""

import datetime as dt
from decimal import Decimal

from monitoring import outcome_selectors
from tests.factories import PatientFactory
from tests.monitoring.clinic_outcome_data import NOW
from tests.monitoring.outcome_data import FIRST, days, response, session


def _treated(patient, code, baseline):
    response(patient, code, baseline, days(-1))
    session(patient, FIRST)
    return patient


def test_counts_and_denominators_at_both_weeks(clinic, physician, patient, second_patient, clinic_admin):
    more = [PatientFactory(clinic=clinic, care_team=[physician]) for _ in range(4)]
    # Maya: 8 → 4.0 at week 4 (50 %, substantial), 8 → 5.6 at week 12 (exactly 30 %, moderate).
    _treated(patient, "peg3", "8.0")
    response(patient, "peg3", "4.0", days(22))
    response(patient, "peg3", "5.6", days(91, hours=23))  # the last hours of day 91: still week 12
    # James: 10 → 8 (20 %, not a responder), then 10 → 4.9 (51 %, substantial).
    _treated(second_patient, "peg3", "10.0")
    response(second_patient, "peg3", "8.0", days(35))
    response(second_patient, "peg3", "4.9", days(80))
    # Pain check-ins only: 10 → 7 (30 %, moderate) at week 4; nothing in week 12.
    _treated(more[0], "nrs", 10)
    response(more[0], "nrs", 7, days(30))
    # Not assessed: no completed session; a baseline of 0; answers only just outside both windows.
    response(more[1], "peg3", "8.0", days(-1))
    response(more[1], "peg3", "1.0", days(28))
    _treated(more[2], "peg3", "0.0")
    response(more[2], "peg3", "3.0", days(28))
    _treated(more[3], "peg3", "9.0")
    response(more[3], "peg3", "1.0", days(22) - dt.timedelta(seconds=1))  # day 21
    response(more[3], "peg3", "1.0", days(92))  # day 92

    week4, week12 = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW).responders

    assert (week4.week, week4.assessable) == (4, 3)
    assert (week4.moderate.count, week4.moderate.of, week4.moderate.percent) == (2, 3, Decimal("66.7"))
    assert (week4.substantial.count, week4.substantial.of, week4.substantial.percent) == (1, 3, Decimal("33.3"))
    assert (week12.week, week12.assessable) == (12, 2)
    assert (week12.moderate.count, week12.moderate.percent) == (2, Decimal(100))
    assert (week12.substantial.count, week12.substantial.percent) == (1, Decimal(50))


def test_nobody_assessed_gives_no_percentage(clinic_admin, patient):
    response(patient, "peg3", "8.0", days(-1))  # a baseline, but no session
    week4, week12 = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW).responders
    assert (week4.assessable, week4.moderate.percent, week12.substantial.percent) == (0, None, None)
