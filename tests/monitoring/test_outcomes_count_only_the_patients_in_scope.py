"""Whose figures the outcomes page adds up (Patient.objects.visible_to): a physician's own patients — those on
their care teams — and a clinic admin's whole clinic. Another clinic's patients are never counted, by anyone."""

import datetime as dt

import pytest

from accounts.models import PatientStatus
from monitoring import outcome_selectors
from monitoring.models import Severity
from tests.factories import PatientFactory
from tests.monitoring.clinic_outcome_data import NOW, ago, alert, opioid, scheduled_session
from tests.monitoring.outcome_data import FIRST, days, response, session
from treatment.models import SessionStatus


def _figures_for(person, *, physician, substantial=True):
    """One of everything the page counts: a session, a week-4 responder, a PGIC answer, an alert, an opioid."""
    scheduled_session(person, ago(days=2), SessionStatus.COMPLETED)
    response(person, "peg3", "8.0", days(-1))
    session(person, FIRST)
    response(person, "peg3", "2.0" if substantial else "7.0", days(28))
    response(person, "pgic", 1, days(30))
    alert(person, Severity.CRITICAL, raised=ago(days=1), acknowledged_after=dt.timedelta(minutes=10), by=physician)
    alert(person, Severity.HIGH, raised=ago(hours=1))
    opioid(person, 60, dt.date(2026, 1, 1))


@pytest.fixture
def cast(clinic, physician, other_physician, patient, outside_patient, outside_physician):
    _figures_for(patient, physician=physician)
    others = PatientFactory(clinic=clinic, care_team=[other_physician], status=PatientStatus.PAUSED)
    _figures_for(others, physician=other_physician, substantial=False)
    _figures_for(outside_patient, physician=outside_physician)
    return others


def _summary(user):
    figures = outcome_selectors.clinic_outcomes(user=user, now=NOW)
    critical = figures.acknowledgement[0]
    return {
        "scope": figures.scope_label,
        "patients": (figures.patients, figures.active, figures.paused),
        "adherence": (figures.adherence.count, figures.adherence.of),
        "week4": (figures.responders[0].substantial.count, figures.responders[0].assessable),
        "pgic": (figures.pgic_improved.count, figures.pgic_improved.of),
        "alerts": (critical.acknowledged, figures.acknowledgement[1].still_open),
        "mme": figures.mme.patients,
    }


def test_a_physician_counts_only_the_patients_on_their_care_teams(cast, physician, second_patient):
    assert _summary(physician.user) == {
        "scope": "Your patients",
        "patients": (2, 2, 0),  # Maya, and James who has no records
        "adherence": (1, 1),
        "week4": (1, 1),
        "pgic": (1, 1),
        "alerts": (1, 1),
        "mme": 1,
    }


def test_another_physician_counts_their_own(cast, other_physician):
    summary = _summary(other_physician.user)
    assert summary["patients"] == (1, 0, 1)
    assert summary["week4"] == (0, 1)  # their patient improved by 12.5 %: assessed, not a responder


def test_a_clinic_admin_counts_the_whole_clinic_and_nothing_else(cast, clinic_admin, second_patient):
    assert _summary(clinic_admin) == {
        "scope": "The clinic",
        "patients": (3, 2, 1),
        "adherence": (2, 2),
        "week4": (1, 2),
        "pgic": (2, 2),
        "alerts": (2, 2),
        "mme": 2,
    }


def test_the_other_clinic_sees_only_its_own(cast, outside_physician):
    summary = _summary(outside_physician.user)
    assert summary["patients"] == (1, 1, 0)
    assert summary["alerts"] == (1, 1)
