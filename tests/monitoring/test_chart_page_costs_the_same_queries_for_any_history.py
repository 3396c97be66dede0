"""The patient chart reads a short history and a long one in the same number of queries: 2 days of every record type
or 40 (tests/monitoring/chart_data.py: sessions, survey responses, adverse events, alerts, plan versions, signed
notes and sign-offs, a dispense and an opioid medicine). The chart's own reads stay under 15 queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring import chart_selectors
from tests.monitoring.chart_data import chart_history, day

# The chart's own reads (monitoring.chart_selectors.chart_of), 14 whatever the history:
#   the MME history (1, which also gives the MME now); the essentials (1: the pain outcome, the sessions awaiting
#   review and the unresolved alerts by severity, annotated on the patient); the plan in force with its current
#   version (1); the expected units on hand (2: the dispenses, the completed sessions' doses);
#   the timeline, one query per record type, each limited to a page plus one (7: sessions with their sign-off and
#   reviewer, survey responses with their instrument, adverse events with their reporter and session, alerts with
#   who acknowledged and resolved them, plan versions with their author and predecessor's fields, clinical notes
#   with author, session, alert and addenda count, sign-offs with reviewer, session and note);
#   the charts (2: the sessions checked in the date range, the PHQ-9 and GAD-7 answers in it).
CHART_QUERIES = 14
# The page: the chart's 14, and what every patient page of a signed-in physician costs (9): the session and the user
# (2); their authenticator (MFA middleware, 1); patient_get, the patient with user and clinic and its care team (2);
# the audit row (the chain's lock, its last hash, insert: 3); the physician's clinic (the footer's emergency
# number, 1). Issue 8 asks for under 15 on the whole page: the 9 are paid by every patient page
# before the chart reads anything, and one query per record type is 7 more, so the page cannot; the chart's own
# reads can, and do. Plus the header's eligibility line (1: the screen that decides and the one waiting, treatment's
# eligibility_line tag).
PAGE_QUERIES = CHART_QUERIES + 9 + 1


@pytest.mark.parametrize("count", [2, 40])
def test_the_chart_page_queries_do_not_grow(client, patient, physician, django_assert_num_queries, count):
    chart_history(patient, physician, count=count)
    client.force_login(physician.user)
    url = reverse("patient_chart", kwargs={"patient_pk": patient.pk})
    with time_machine.travel(day(45), tick=False):
        client.get(url)  # the session's first request starts its clock (one more write)
        with django_assert_num_queries(PAGE_QUERIES):
            response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    # 8 entries a day (the adverse event raises an alert of its own): a short history fits one page; a long one
    # fills the page (50 entries) and offers older ones.
    assert page.count('class="card timeline-entry') == min(50, 8 * count)
    assert ('rel="next">Older</a>' in page) is (count == 40)
    # Pain, dose, blood pressure, PHQ-9, GAD-7, MME (two days hold no PHQ-9 or GAD-7 answer: a sentence says so).
    assert page.count('class="card chart-card"') == 6
    assert page.count('role="img"') == (6 if count == 40 else 4)


@pytest.mark.parametrize("count", [2, 40])
def test_the_charts_own_reads_stay_under_15(patient, physician, count):
    chart_history(patient, physician, count=count)
    filters = chart_selectors.ChartFilters(zone=timezone.get_default_timezone())
    with time_machine.travel(day(45), tick=False), CaptureQueriesContext(connection) as reads:
        chart = chart_selectors.chart_of(patient=patient, viewer=physician.user, filters=filters)
    assert len(reads.captured_queries) == CHART_QUERIES < 15
    assert chart.has_older is (count == 40)
