"""Adherence over the last 30 days: completed ÷ scheduled, where *scheduled* is every session planned for
[now - 30 days, now] whose slot has ended (completed, held, missed, incomplete). Cancelled sessions, sessions still
scheduled or in progress, sessions outside the window and sessions nobody scheduled are left out. The per-patient
annotation (the dashboard's column) and the clinic's figure count the same sessions."""

from decimal import Decimal

from accounts.models import Patient
from monitoring import outcome_selectors
from tests.factories import PatientFactory
from tests.monitoring.clinic_outcome_data import NOW, ago, scheduled_session
from tests.monitoring.outcome_data import session
from treatment.models import SessionStatus as S


def _cast(clinic, physician, patient, second_patient):
    # Maya: 5 sessions count, 2 of them completed.
    scheduled_session(patient, ago(days=1), S.COMPLETED)
    scheduled_session(patient, ago(days=30), S.COMPLETED)  # exactly 30 days ago: the window's first moment
    scheduled_session(patient, ago(days=2), S.HELD)
    scheduled_session(patient, ago(days=3), S.MISSED)
    scheduled_session(patient, ago(days=4), S.INCOMPLETE)
    # ... and these do not.
    scheduled_session(patient, ago(days=30, seconds=1), S.COMPLETED)  # before the window
    scheduled_session(patient, ago(days=5), S.CANCELLED)  # never due
    scheduled_session(patient, ago(hours=1), S.SCHEDULED)  # its slot is still open
    scheduled_session(patient, ago(minutes=30), S.IN_PROGRESS)  # still open
    scheduled_session(patient, ago(days=-1), S.SCHEDULED)  # tomorrow
    session(patient, ago(days=6))  # logged without a schedule
    # James: 2 count, 1 completed.
    scheduled_session(second_patient, ago(days=10), S.COMPLETED)
    scheduled_session(second_patient, ago(days=12), S.MISSED)
    # Nothing scheduled at all.
    return PatientFactory(clinic=clinic, care_team=[physician])


def test_each_patient_gets_completed_of_scheduled(clinic, physician, patient, second_patient):
    idle = _cast(clinic, physician, patient, second_patient)
    rows = {
        p.pk: (p.adherence_completed, p.adherence_scheduled, p.adherence_percent)
        for p in outcome_selectors.annotate_adherence(Patient.objects.filter(clinic=clinic), now=NOW)
    }
    assert rows[patient.pk] == (2, 5, Decimal(40))
    assert rows[second_patient.pk] == (1, 2, Decimal(50))
    assert rows[idle.pk] == (0, 0, None)  # nothing scheduled: no percentage


def test_the_clinic_figure_adds_up_the_same_sessions(clinic, physician, patient, second_patient, clinic_admin):
    _cast(clinic, physician, patient, second_patient)
    figures = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW)
    assert (figures.adherence.count, figures.adherence.of) == (3, 7)
    assert figures.adherence.percent == Decimal("42.9")  # 3 / 7 = 42.857 %
    assert figures.adherence_patients == 2


def test_no_scheduled_session_gives_no_percentage(clinic_admin, patient):
    figures = outcome_selectors.clinic_outcomes(user=clinic_admin, now=NOW)
    assert (figures.adherence.count, figures.adherence.of, figures.adherence.percent) == (0, 0, None)
