"""Every list of the patient's side of the API runs the same number of queries whatever the number of rows: 10 or
200 sessions, check-ins due or adverse events."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring.models import SurveyAssignment, SurveyReason
from tests.api.patient_api import ADVERSE_EVENTS, SESSIONS, SURVEYS_DUE
from tests.monitoring.survey_data import install_instruments
from treatment.models import AdverseEvent, SessionSideEffect, SessionStatus, TreatmentSession

pytestmark = pytest.mark.django_db

# Every request of a signed-in patient: the session and the user (2); the patient (request.user.patient, 1), the
# patient read by accounts.selectors.patient_get with their care team (2), and its audit row (3: the audit chain's
# lock, the last hash, the insert; no savepoint of its own, accounts.audit).
SIGNED_IN_AND_AUDITED = 2 + 1 + 2 + 3


def _sessions(patient, rows):
    now = timezone.now()
    sessions = TreatmentSession.objects.bulk_create(
        TreatmentSession(
            patient=patient, status=SessionStatus.COMPLETED, checked_at=now - dt.timedelta(days=n, minutes=30),
            taken_at=now - dt.timedelta(days=n), completed_at=now - dt.timedelta(days=n), dose_mg=Decimal(50),
            route="sublingual", pain_before=6, pain_after=3,
        )
        for n in range(rows)
    )  # fmt: skip
    SessionSideEffect.objects.bulk_create(
        SessionSideEffect(session=session, effect="nausea", severity="mild") for session in sessions
    )


def _surveys(patient, rows):
    install_instruments()
    from monitoring.models import Instrument

    peg3 = Instrument.objects.get(code="peg3")
    now = timezone.now()
    SurveyAssignment.objects.bulk_create(
        SurveyAssignment(
            patient=patient, instrument=peg3, reason=SurveyReason.SCHEDULE, slot=f"test:{n}",
            due_at=now - dt.timedelta(hours=n + 1), expires_at=now + dt.timedelta(days=3),
        )
        for n in range(rows)
    )  # fmt: skip


def _adverse_events(patient, rows):
    now = timezone.now()
    AdverseEvent.objects.bulk_create(
        AdverseEvent(
            patient=patient, reported_by=patient.user, description="Dizzy", severity="mild",
            started_at=now - dt.timedelta(days=n, hours=1), reported_at=now - dt.timedelta(days=n),
        )
        for n in range(rows)
    )  # fmt: skip


LISTS = {
    # + the sessions, their side effects (one prefetch)
    SESSIONS: (_sessions, SIGNED_IN_AND_AUDITED + 2),
    # + the assignments with their instrument
    SURVEYS_DUE: (_surveys, SIGNED_IN_AND_AUDITED + 1),
    # + the adverse events with who reported them and their session, their addenda (one prefetch)
    ADVERSE_EVENTS: (_adverse_events, SIGNED_IN_AND_AUDITED + 2),
}


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("path", list(LISTS))
def test_a_list_costs_the_same_queries_at_any_size(client, patient, django_assert_num_queries, path, rows):
    make_rows, queries = LISTS[path]
    make_rows(patient, rows)
    client.force_login(patient.user)
    client.get(path)  # the first request after signing in starts the session's clock (accounts.sessions): one write
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(rows, 50)  # the default page
