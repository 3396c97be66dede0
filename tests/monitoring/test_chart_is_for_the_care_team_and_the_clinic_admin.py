"""The patient chart is for the physicians on the patient's care team and the clinic's admins. A physician of the
same clinic off the care team, another clinic's physician and another patient get the 404 of a patient who does not
exist; the patient gets 403. Every request, allowed or refused, is one audit row."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditOutcome


def chart_url(patient):
    return reverse("patient_chart", kwargs={"patient_pk": patient.pk})


def audit_rows(response):
    return AuditEvent.objects.filter(request_id=response["X-Request-ID"])


@pytest.mark.parametrize("insider", ["physician", "clinic_admin"])
def test_the_care_team_and_the_clinic_admin_read_it(client, request, patient, insider):
    person = request.getfixturevalue(insider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(chart_url(patient))
    assert response.status_code == 200
    assert "Chart of Maya Patel" in response.content.decode()
    (row,) = audit_rows(response)
    assert (row.actor, row.patient, row.outcome) == (user, patient, AuditOutcome.SUCCESS)


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician", "second_patient"])
def test_outsiders_get_404(client, request, patient, outsider):
    user = request.getfixturevalue(outsider).user
    client.force_login(user)
    response = client.get(chart_url(patient))
    assert response.status_code == 404
    assert "Maya Patel" not in response.content.decode()
    (row,) = audit_rows(response)
    assert (row.actor, row.patient, row.outcome) == (user, None, AuditOutcome.DENIED)


def test_the_patient_is_refused_their_care_teams_page(client, patient):
    client.force_login(patient.user)
    response = client.get(chart_url(patient))
    assert response.status_code == 403
    (row,) = audit_rows(response)
    assert (row.actor, row.outcome) == (patient.user, AuditOutcome.DENIED)


def test_a_physician_on_the_care_team_of_another_patient_only_sees_their_own(client, physician, outside_patient):
    client.force_login(physician.user)
    assert client.get(chart_url(outside_patient)).status_code == 404
