"""The dashboard runs the same number of SQL queries — fewer than 15 — with 10 patients or 300, each with a history,
open alerts and sessions awaiting review (issue 8, "speed by design")."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Severity
from tests.factories import PatientFactory
from tests.monitoring.conftest import raise_alert
from tests.monitoring.dashboard_data import NOW, maya_history
from tests.monitoring.outcome_data import days, response, session


def _patients(clinic, physician, count, start):
    for number in range(start, start + count):
        patient = PatientFactory(clinic=clinic, care_team=[physician])
        session(patient, days(number % 20))
        response(patient, "peg3", 7, days(-1))
        response(patient, "peg3", 5, days(30))
        if number % 3 == 0:
            raise_alert(patient, severity=Severity.values[number % 4], cause=f"session:{number}")


def _count(client, query=None):
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dashboard"), query or {})
    assert page.status_code == 200
    return len(queries.captured_queries), page


def test_the_dashboard_costs_the_same_queries_at_10_and_300_patients(client, clinic, physician, patient):
    maya_history(patient, physician)
    _patients(clinic, physician, 9, 0)
    client.force_login(physician.user)
    _count(client)  # the session's first request starts its clock (one more write)
    # The session; the physician; their authenticator (MFA middleware); the physician's clinic (its time zone, and
    # the emergency number in the layout); the unread in-app notifications (inbox tag); the roster's size with the
    # sessions awaiting review (one aggregate); the page of the roster with every column (one query of subqueries);
    # the page's sparklines; the alerts panel with its total (a window count); the audit of every patient shown
    # (chain lock, last hash, one insert).
    small, page = _count(client)
    assert page.context["page"].paginator.count == 10
    assert small == 12

    _patients(clinic, physician, 290, 9)
    large, page = _count(client)
    assert page.context["page"].paginator.count == 300
    assert large == small
    for query in ({"sort": "change", "not_improving": "1"}, {"open_alerts": "1", "page": "2"}, {"sort": "name"}):
        assert _count(client, query)[0] == small
