"""/outcomes/ answers in the same number of queries, under 15, for 10 patients or 300 with a history each, for a
physician and for a clinic admin: every figure is aggregated in the database."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from accounts.models import CareTeamMembership, Patient, Role, User
from monitoring.models import SEVERITY_RANK, Alert, AlertKind, AlertStatus, OpioidMedicine, Severity, SurveyResponse
from tests.monitoring.clinic_outcome_data import NOW, ago
from tests.monitoring.outcome_data import FIRST, days, instrument
from treatment.models import SessionStatus, TreatmentSession

# The page's queries, whatever the number of patients:
#  1. the session,  2. the user,  3. their authenticator (the MFA middleware),
#  4. the user's clinic (its time zone for "today"; the footer's emergency number reuses it),
#  5. statuses, adherence, responders and MME change: one aggregate over the annotated patients,
#  6. the PGIC share (monitoring.outcomes.pgic_improved_share),
#  7. alert acknowledgement times and open alerts, grouped by severity,
#  8-10. the one audit row: the chain's lock, its last hash, insert.
QUERIES = 10


def _add_patients(clinic, physician, start, count):
    """`count` patients on `physician`'s care team, each with sessions, surveys, alerts and opioid rows (bulk)."""
    password = make_password("unused-password-1")
    users = User.objects.bulk_create(
        User(email=f"p{n}@q.test", full_name=f"Patient {n}", role=Role.PATIENT, clinic=clinic, password=password)
        for n in range(start, start + count)
    )
    patients = Patient.objects.bulk_create(
        Patient(user=u, clinic=clinic, date_of_birth=dt.date(1970, 1, 1), time_zone="America/Chicago",
                primary_condition="crps")
        for u in users
    )  # fmt: skip
    CareTeamMembership.objects.bulk_create(
        CareTeamMembership(patient=p, physician=physician, clinic=clinic) for p in patients
    )
    done = {"status": SessionStatus.COMPLETED, "dose_mg": Decimal(50), "route": "sublingual"}
    TreatmentSession.objects.bulk_create(
        session
        for p in patients
        for session in (
            TreatmentSession(patient=p, taken_at=FIRST, completed_at=FIRST, **done),
            TreatmentSession(patient=p, scheduled_for=ago(days=1), taken_at=ago(days=1), **done),
            TreatmentSession(patient=p, scheduled_for=ago(days=2), status=SessionStatus.MISSED),
        )
    )
    peg3, pgic = instrument("peg3"), instrument("pgic")
    SurveyResponse.objects.bulk_create(
        SurveyResponse(patient=p, instrument=inst, instrument_version=inst.version, answered_by=p.user, answers={},
                       total=Decimal(total), answered_at=when)
        for p in patients
        for inst, total, when in ((peg3, 8, days(-1)), (peg3, 3, days(28)), (peg3, 5, days(80)), (pgic, 2, days(30)))
    )  # fmt: skip
    Alert.objects.bulk_create(
        alert
        for p in patients
        for alert in (
            Alert(patient=p, clinic=clinic, kind=AlertKind.DOSE_HELD, severity=Severity.CRITICAL,
                  severity_rank=SEVERITY_RANK[Severity.CRITICAL], cause="session:1", summary="Held.",
                  status=AlertStatus.ACKNOWLEDGED, first_raised_at=ago(hours=3), last_raised_at=ago(hours=3),
                  acknowledged_at=ago(hours=2), acknowledged_by=physician.user),
            Alert(patient=p, clinic=clinic, kind=AlertKind.SURVEY_OVERDUE, severity=Severity.LOW,
                  severity_rank=SEVERITY_RANK[Severity.LOW], cause="instrument:peg3", summary="Overdue.",
                  first_raised_at=ago(hours=1), last_raised_at=ago(hours=1)),
        )
    )  # fmt: skip
    OpioidMedicine.objects.bulk_create(
        OpioidMedicine(patient=p, drug="morphine", mg_per_dose=Decimal(m), doses_per_day=1, daily_mme=Decimal(m),
                       started_on=start_on, stopped_on=stop_on, recorded_by=p.user)
        for p in patients
        for m, start_on, stop_on in ((60, dt.date(2026, 1, 1), dt.date(2026, 4, 1)), (30, dt.date(2026, 4, 1), None))
    )  # fmt: skip


@pytest.mark.parametrize("who", ["physician", "clinic_admin"])
@time_machine.travel(NOW, tick=False)
def test_ten_or_three_hundred_patients_cost_the_same_queries(client, request, clinic, physician, who,
                                                             django_assert_num_queries):  # fmt: skip
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    _add_patients(clinic, physician, 0, 10)
    client.get(reverse("clinic_outcomes"))  # the session's first request starts its clock (one more write)

    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("clinic_outcomes"))
    assert response.context["outcomes"].patients == 10
    assert response.context["outcomes"].adherence.of == 20

    _add_patients(clinic, physician, 10, 290)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("clinic_outcomes"))
    figures = response.context["outcomes"]
    assert (figures.patients, figures.adherence.count, figures.adherence.of) == (300, 300, 600)
    assert (figures.responders[0].substantial.count, figures.responders[1].moderate.count) == (300, 300)
    assert (figures.mme.patients, figures.mme.reduced, figures.pgic_improved.count) == (300, 300, 300)
    critical, _, _, low = figures.acknowledgement
    assert (critical.acknowledged, critical.median, low.still_open) == (300, dt.timedelta(hours=1), 300)
