"""/reviews/ answers in the same number of queries — under 15 — with 3 sessions awaiting review or 40, across
patients, remarkable or not, with side effects and alerts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PatientFactory
from tests.monitoring.review_data import completed, held, with_alert, with_side_effect


def _add_sessions(clinic, physician, count):
    for number in range(count):
        patient = PatientFactory(clinic=clinic, care_team=[physician])
        maker = (completed, held, with_alert, with_side_effect)[number % 4]
        maker(patient, days_ago=count - number)


def test_the_review_queue_costs_the_same_queries_at_3_and_40(client, clinic, physician, django_assert_num_queries):
    client.force_login(physician.user)
    _add_sessions(clinic, physician, 3)
    client.get(reverse("review_queue"))  # the session's first request starts its clock (one more write)
    # Counted at the small size, then required at the large one. None of them per row: the session; the physician;
    # their authenticator (MFA middleware); the count and the page of sessions with their patients, users, plan
    # versions, side effects and remarkable flags (one query: annotations); the alerts about the page's sessions;
    # the audit batch of the patients shown (chain lock, last hash, insert); the physician's
    # clinic (the footer's emergency number).
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="session-') == 3
    assert len(small.captured_queries) < 15

    _add_sessions(clinic, physician, 37)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("review_queue"))
    html = response.content.decode()
    assert html.count('<tr id="session-') == 40
    assert "<strong>40</strong> sessions" in html
