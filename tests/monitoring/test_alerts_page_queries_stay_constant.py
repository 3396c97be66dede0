"""/alerts/ answers in the same number of queries with 2 alerts or 20, across patients and statuses."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring import services
from monitoring.models import Severity
from tests.factories import PatientFactory
from tests.monitoring.conftest import raise_alert


def _add_alerts(clinic, physician, count):
    for number in range(count):
        patient = PatientFactory(clinic=clinic, care_team=[physician])
        alert = raise_alert(patient, severity=Severity.values[number % 4], cause=f"session:{number}")
        if number % 2:
            services.alert_acknowledge(actor=physician.user, alert=alert)


def test_the_alert_list_costs_the_same_queries_at_two_sizes(client, clinic, physician, django_assert_num_queries):
    client.force_login(physician.user)
    _add_alerts(clinic, physician, 2)
    client.get(reverse("alert_list"))  # the session's first request starts its clock (one more write)
    # Counted at the small size, then required at the large one. None of them per row: the session; the physician;
    # their authenticator (MFA middleware); the count and the page of alerts with their patients, users and
    # acknowledging physicians (alert_page); the audit batch of the patients shown (chain lock, last hash, insert); the
    # physician's clinic (its time zone and emergency number, in the layout).
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("alert_list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card alert-card') == 2

    _add_alerts(clinic, physician, 18)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("alert_list"))
    assert response.content.decode().count('class="card alert-card') == 20
