"""Today puts the session first: a big "Start a session", or the session in progress to continue; the plan's dose,
the next allowed time while the interval runs, and the last five sessions — in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import SessionStatus, TreatmentSession


def _complete(patient, at):
    with time_machine.travel(at, tick=False):
        session = services.session_check_before_dose(
            actor=patient.user, patient=patient, check=good_check(checked_at=at)
        ).session
        services.session_log_dose(
            actor=patient.user, session=session, dose_mg=Decimal(50), route="sublingual", taken_at=at,
            dissociation=3, pain_after=2,
        )  # fmt: skip
    return session


def test_today_offers_to_start_a_session(client, ready_patient):
    client.force_login(ready_patient.user)
    body = client.get(reverse("today")).content.decode()
    assert f'href="{reverse("session_new")}">Start a session</a>' in body
    assert "50 mg, sublingual" in body
    assert "Your treatment plan" in body and "Who has viewed my record" in body


def test_today_continues_the_session_in_progress(client, ready_patient):
    session = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check()
    ).session
    client.force_login(ready_patient.user)
    body = client.get(reverse("today")).content.decode()
    assert f'href="{reverse("session_after", kwargs={"session_pk": session.pk})}">Continue: log your dose</a>' in body
    assert "Start a session" not in body


def test_today_shows_the_next_allowed_time_while_the_interval_runs(client, ready_patient):
    # Monday 6 July 2026, 14:00 UTC = 09:00 in Chicago; the plan asks 72 hours between doses.
    taken = dt.datetime(2026, 7, 6, 14, 0, tzinfo=dt.UTC)
    _complete(ready_patient, taken)
    client.force_login(ready_patient.user)
    with time_machine.travel(taken + dt.timedelta(hours=24), tick=False):
        assert "not before Thursday 9 July, 09:00" in client.get(reverse("today")).content.decode()
    with time_machine.travel(taken + dt.timedelta(hours=72), tick=False):
        assert "not before" not in client.get(reverse("today")).content.decode()


@pytest.mark.parametrize("sessions", [1, 8])
def test_today_runs_the_same_queries_for_few_or_many_sessions(
    client, ready_patient, django_assert_num_queries, sessions
):
    start = dt.datetime(2026, 1, 5, 14, 0, tzinfo=dt.UTC)
    for number in range(sessions):
        _complete(ready_patient, start + dt.timedelta(days=7 * number))
    client.force_login(ready_patient.user)
    client.get(reverse("today"))  # settles the session clock
    # session, user, request.user.patient, the consent check (middleware), the patient with user and clinic through
    # the audited selector, their care team, the audited read (chain lock, last hash, insert),
    # the plan in force with its version, the session in progress, the next scheduled session, the last dose taken,
    # the last five sessions, the check-ins due (monitoring's surveys_due tag), the unread in-app notifications
    # (monitoring's notifications_inbox tag), the clinic (the footer's emergency number); the latest refill request and
    # the dispenses (treatment.refill_selectors.refill_offer, with the plan in force's version: nothing was dispensed
    # here, so no dose is read); the latest eligibility screen (the eligibility_card tag).
    with django_assert_num_queries(20):
        assert client.get(reverse("today")).status_code == 200


def test_today_shows_the_next_scheduled_session_and_keeps_it_out_of_the_last_sessions(client, ready_patient):
    # Thursday 9 July 2026, 18:00 in Chicago (23:00 UTC), as the plan's schedule would write it.
    at = dt.datetime(2026, 7, 9, 23, 0, tzinfo=dt.UTC)
    TreatmentSession.objects.create(
        patient=ready_patient,
        plan=ready_patient.treatment_plans.get(),
        status=SessionStatus.SCHEDULED,
        scheduled_for=at,
    )
    client.force_login(ready_patient.user)
    with time_machine.travel(at - dt.timedelta(days=2), tick=False):
        body = client.get(reverse("today")).content.decode()
    assert "Thursday 9 July, 18:00" in body
    assert "Your last sessions" not in body
