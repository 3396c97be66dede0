"""MME change (CLINICAL.md section 4): among patients with any opioid medicine recorded, the total daily MME on the
local date of their first completed session (or where their first medicine starts, without a session) against
today; a row counts from its started_on until the day before its stopped_on. `annotate_mme_change` gives each
patient's figures (the dashboard's column), the page their mean, median and direction."""

import datetime as dt
from decimal import Decimal

from accounts.models import Patient
from monitoring import outcome_selectors
from tests.factories import PatientFactory
from tests.monitoring.clinic_outcome_data import NOW, opioid
from tests.monitoring.outcome_data import FIRST, session

D = dt.date
TODAY = D(2026, 6, 30)


def _cast(clinic, physician, patient, second_patient):
    tapering, stopping, late_evening, no_opioid = (
        PatientFactory(clinic=clinic, care_team=[physician]) for _ in range(4)
    )
    # Maya: 60 at her first session (1 March), lowered to 30 on 1 April → -30.
    session(patient, FIRST)
    opioid(patient, 60, D(2026, 1, 1), D(2026, 4, 1))
    opioid(patient, 30, D(2026, 4, 1))
    # James: 40 throughout → unchanged.
    session(second_patient, FIRST)
    opioid(second_patient, 40, D(2026, 1, 1))
    # No session: the baseline is the day the first medicine starts, 20; raised to 50 in May → +30.
    opioid(tapering, 20, D(2026, 2, 1), D(2026, 5, 1))
    opioid(tapering, 50, D(2026, 5, 1))
    # 90 until it stopped on 1 June → -90, and now at 0.
    session(stopping, FIRST)
    opioid(stopping, 90, D(2026, 1, 1), D(2026, 6, 1))
    # First dose at 21:00 on 1 March in Chicago (03:00 on 2 March UTC): the baseline is 1 March's 10, not the 25
    # that started on 2 March → +15.
    session(late_evening, dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC))
    opioid(late_evening, 10, D(2026, 1, 1), D(2026, 3, 2))
    opioid(late_evening, 25, D(2026, 3, 2))
    # Sessions but no opioid: not counted at all.
    session(no_opioid, FIRST)
    return tapering, stopping, late_evening, no_opioid


def test_each_patient_gets_baseline_now_and_change(clinic, physician, patient, second_patient):
    tapering, stopping, late_evening, no_opioid = _cast(clinic, physician, patient, second_patient)
    rows = {
        p.pk: (p.mme_baseline, p.mme_now, p.mme_change)
        for p in outcome_selectors.annotate_mme_change(Patient.objects.filter(clinic=clinic), TODAY)
    }
    assert rows[patient.pk] == (Decimal(60), Decimal(30), Decimal(-30))
    assert rows[second_patient.pk] == (Decimal(40), Decimal(40), Decimal(0))
    assert rows[tapering.pk] == (Decimal(20), Decimal(50), Decimal(30))
    assert rows[stopping.pk] == (Decimal(90), Decimal(0), Decimal(-90))
    assert rows[late_evening.pk] == (Decimal(10), Decimal(25), Decimal(15))
    assert rows[no_opioid.pk] == (None, None, None)


def test_the_page_figures(clinic, physician, patient, second_patient, clinic_admin):
    _cast(clinic, physician, patient, second_patient)
    mme = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW).mme
    assert mme.patients == 5
    assert mme.mean == Decimal(-15)  # (-30 + 0 + 30 - 90 + 15) / 5
    assert mme.median == Decimal(0)  # -90, -30, 0, 15, 30
    assert (mme.reduced, mme.unchanged, mme.increased, mme.reached_zero) == (2, 1, 2, 1)


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(
    clinic, physician, patient, second_patient, clinic_admin
):
    session(patient, FIRST)
    opioid(patient, 60, D(2026, 1, 1), D(2026, 4, 1))
    opioid(patient, 35, D(2026, 4, 1))  # -25
    opioid(second_patient, 40, D(2026, 1, 1), D(2026, 5, 1))  # no session: 40 → 0, -40
    mme = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW).mme
    assert (mme.patients, mme.median, mme.mean) == (2, Decimal("-32.5"), Decimal("-32.5"))
    assert (mme.reduced, mme.reached_zero) == (2, 1)
