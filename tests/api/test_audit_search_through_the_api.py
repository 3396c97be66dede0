"""A clinic admin searches their clinic's audit trail through the API (accounts.selectors.audit_search): newest
first, by patient, by person, by action and by dates, never another clinic's rows; the search itself is audited.
A bad date range is a 400 naming the field."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts import audit
from accounts.models import AuditAction, AuditEvent
from tests.api.staff_data import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(patient, second_patient, physician, outside_patient, outside_physician):
    audit.record(AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient)
    audit.record(AuditAction.UPDATE, actor=physician.user, object_type="alert", object_id=1, patient=second_patient)
    audit.record(AuditAction.VIEW, actor=outside_physician.user, object_type="patient", patient=outside_patient)


def _search(client, **query):
    response = client.get(reverse("api:audit_log"), query)
    assert response.status_code == 200, response.content
    return [
        (row["action"], row["patient"]["full_name"] if row["patient"] else None) for row in response.json()["results"]
    ]


def test_the_clinics_rows_newest_first_with_filters(client, trail, clinic_admin):
    login(client, clinic_admin)  # itself a row: the admin's sign-in
    assert _search(client) == [("sign_in", None), ("update", "James Nguyen"), ("view", "Maya Patel")]
    assert _search(client, patient="maya") == [("view", "Maya Patel")]
    assert _search(client, action="update") == [("update", "James Nguyen")]
    assert _search(client, actor="rivera@sunrise") == [("update", "James Nguyen"), ("view", "Maya Patel")]
    assert _search(client, patient="lucia") == []  # another clinic's patient
    assert _search(client, date_to=(dt.date.today() - dt.timedelta(days=2)).isoformat()) == []


def test_the_search_is_audited(client, trail, clinic_admin):
    login(client, clinic_admin)
    response = client.get(reverse("api:audit_log"))
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.action, row.object_type, row.actor) == (AuditAction.VIEW, "audit_log", clinic_admin)


def test_a_bad_date_range_names_the_field(client, clinic_admin):
    login(client, clinic_admin)
    response = client.get(reverse("api:audit_log"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "date_to"
