"""The session review page costs the same number of queries — under 15 — for a quiet session of a patient with 3
sessions as for a busy one (many side effects, addenda and alerts) of a patient with 40."""

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import AlertKind
from tests.monitoring.review_data import alert_about, completed
from treatment import services as treatment_services
from treatment.models import SessionSideEffect, SideEffect


def _busy(session, physician):
    for effect in itertools.islice(SideEffect.values, 8):
        SessionSideEffect.objects.create(session=session, effect=effect, severity="moderate")
    for number in range(6):
        treatment_services.addendum_add(
            actor=physician.user, record=session, reason="Follow-up call", text=f"Follow-up {number}."
        )
    for kind in (AlertKind.DOSE_ABOVE_PLAN, AlertKind.BLOOD_PRESSURE, AlertKind.DOSE_HELD):
        alert_about(session, kind=kind)


def test_the_review_page_costs_the_same_queries_for_a_quiet_and_a_busy_session(
    client, physician, patient, django_assert_num_queries
):
    sessions = [completed(patient, days_ago=number + 1) for number in range(3)]
    client.force_login(physician.user)
    quiet = reverse("session_review", kwargs={"patient_pk": patient.pk, "session_pk": sessions[0].pk})
    client.get(quiet)  # the session's first request starts its clock (one more write)
    # The session; the physician; their authenticator (MFA middleware); the patient and their care team
    # (patient_get); its audit row (chain lock, last hash, insert); the treatment session with its
    # plan version, sign-off, reviewer and note, side effects and remarkable flags (one query: joins and
    # annotations); its addenda with their authors; the alerts about it; the clinic (the footer).
    with CaptureQueriesContext(connection) as small:
        assert client.get(quiet).status_code == 200
    assert len(small.captured_queries) < 15

    sessions += [completed(patient, days_ago=number + 5) for number in range(37)]
    _busy(sessions[-1], physician)
    busy = reverse("session_review", kwargs={"patient_pk": patient.pk, "session_pk": sessions[-1].pk})
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(busy)
    html = response.content.decode()
    assert html.count('class="addendum"') == 6
    assert html.count(': <span class="side-effect-moderate">moderate</span>') == 8
    assert html.count('class="severity severity-high"') == 3
