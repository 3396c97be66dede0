"""The care team's list of a patient's sessions: held reasons, dose, pain before and after, findings, what needs
review; for the patient's physicians and clinic admin only, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.treatment.session_data import good_check
from treatment import services


def _held(patient, at):
    with time_machine.travel(at, tick=False):
        return services.session_check_before_dose(
            actor=patient.user, patient=patient, check=good_check(checked_at=at, systolic=170, diastolic=105)
        ).session


def _completed(patient, at, **entry):
    with time_machine.travel(at, tick=False):
        session = services.session_check_before_dose(
            actor=patient.user, patient=patient, check=good_check(checked_at=at)
        ).session
        services.session_log_dose(
            actor=patient.user, session=session, route="sublingual", taken_at=at, pain_after=2,
            side_effects={"nausea": "mild", "dizziness": "moderate"},
            **({"dose_mg": Decimal(50), "dissociation": 3} | entry),
        )  # fmt: skip
    return session


def test_the_physician_sees_held_reasons_findings_and_review_flags(client, physician, ready_patient):
    monday = dt.datetime(2026, 7, 6, 14, 0, tzinfo=dt.UTC)
    held = _held(ready_patient, monday)
    _completed(ready_patient, monday + dt.timedelta(hours=1), dissociation=9)
    client.force_login(physician.user)
    body = client.get(reverse("patient_sessions", kwargs={"patient_pk": ready_patient.pk})).content.decode()
    for failure in held.gate_failures:
        assert failure["message"] in body
    assert "Needs review" in body
    assert "Dissociation at the peak: 9 out of 10" in body
    assert "Dizziness (moderate), Nausea (mild)" in body
    assert "6 → 2" in body


def test_the_patient_page_links_to_the_sessions(client, physician, patient):
    client.force_login(physician.user)
    body = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk})).content.decode()
    assert reverse("patient_sessions", kwargs={"patient_pk": patient.pk}) in body


def test_the_patient_is_refused_the_care_teams_page(client, ready_patient):
    client.force_login(ready_patient.user)
    assert client.get(reverse("patient_sessions", kwargs={"patient_pk": ready_patient.pk})).status_code == 403


@pytest.mark.parametrize("sessions", [1, 6])
def test_the_list_runs_the_same_queries_for_few_or_many_sessions(
    client, physician, ready_patient, django_assert_num_queries, sessions
):
    start = dt.datetime(2026, 1, 5, 14, 0, tzinfo=dt.UTC)
    for number in range(sessions):
        _held(ready_patient, start + dt.timedelta(days=7 * number))
        _completed(ready_patient, start + dt.timedelta(days=7 * number, hours=1))
    client.force_login(physician.user)
    url = reverse("patient_sessions", kwargs={"patient_pk": ready_patient.pk})
    client.get(url)  # settles the session clock
    # session, user, authenticator check (MFA middleware), the patient with user and clinic, their care team, the
    # audited read (chain lock, last hash, insert), count + page of sessions with their plan
    # versions, their side effects (prefetch), the clinic (the footer's emergency number).
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
