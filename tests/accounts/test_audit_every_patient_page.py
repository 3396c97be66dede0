"""Every page that shows a patient's record writes exactly one audit row per request, allowed or denied.

The pages are found by walking the URLconf (tests/patient_urls.py), so a new page is covered without a new test.
"""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.patient_urls import insider_cases, patient_url_names

PATIENT_URL_NAMES = patient_url_names()


def rows_of(response):
    return AuditEvent.objects.filter(request_id=response["X-Request-ID"])


@pytest.mark.parametrize(("url_name", "insider"), insider_cases())
def test_an_allowed_read_writes_one_audit_row_naming_the_patient(client, request, url_name, insider, patient):
    person = request.getfixturevalue(insider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(reverse(url_name, kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    (row,) = rows_of(response)
    assert (row.actor, row.action, row.patient, row.outcome) == (user, AuditAction.VIEW, patient, AuditOutcome.SUCCESS)


@pytest.mark.parametrize("url_name", PATIENT_URL_NAMES)
@pytest.mark.parametrize("outsider", ["second_patient", "other_physician", "outside_physician"])
def test_a_denied_read_writes_one_audit_row_marked_denied(client, request, url_name, outsider, patient):
    person = request.getfixturevalue(outsider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(reverse(url_name, kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 404
    (row,) = rows_of(response)
    assert (row.actor, row.outcome, row.object_id) == (user, AuditOutcome.DENIED, str(patient.pk))
    # A denied row names no patient: it must not tell another clinic's staff who exists here.
    assert row.patient is None
    assert row.clinic_id == user.clinic_id


def test_the_audit_row_carries_the_request_context(client, physician, patient):
    client.force_login(physician.user)
    response = client.get(
        reverse("patient_detail", kwargs={"patient_pk": patient.pk}),
        headers={"user-agent": "Mozilla/5.0 (Anodyne test)", "x-request-id": "req-123"},
        REMOTE_ADDR="203.0.113.7",
    )
    row = AuditEvent.objects.get(request_id="req-123")
    assert response["X-Request-ID"] == "req-123"
    assert (row.ip, row.user_agent, row.actor_role, row.clinic) == (
        "203.0.113.7",
        "Mozilla/5.0 (Anodyne test)",
        "physician",
        patient.clinic,
    )
