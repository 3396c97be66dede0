"""Account and care-team pages are for clinic admins: a physician gets 403 (and changes nothing), even for their own
patients; a physician cannot reassign patients through the services either."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditEvent, AuditOutcome, CareTeamMembership
from anodyne.errors import DomainError
from tests.patient_urls import refused_insider_cases


@pytest.mark.parametrize("url_name", ["staff_deactivate", "staff_reactivate", "staff_handover"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_physician_gets_403_on_the_staff_pages(client, physician, other_physician, url_name, method):
    client.force_login(physician.user)
    response = getattr(client, method)(
        reverse(url_name, kwargs={"user_pk": other_physician.user.pk}), {"to_physician": physician.pk}
    )
    assert response.status_code == 403
    other_physician.user.refresh_from_db()
    assert other_physician.user.is_active


def test_a_physician_cannot_change_their_patients_care_team(client, physician, other_physician, patient):
    client.force_login(physician.user)
    response = client.post(
        reverse("patient_care_team", kwargs={"patient_pk": patient.pk}),
        {"action": "assign", "physician": other_physician.pk},
    )
    assert response.status_code == 403
    assert not CareTeamMembership.objects.filter(patient=patient, physician=other_physician).exists()


@pytest.mark.parametrize(("url_name", "insider"), refused_insider_cases())
def test_a_patient_page_for_admins_refuses_the_patient_and_their_physician(client, request, url_name, insider, patient):
    """Walks every patient page not meant for the insider's role (tests/patient_urls.py): 403, one denied row."""
    person = request.getfixturevalue(insider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(reverse(url_name, kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 403
    assert patient.user.full_name not in response.content.decode()
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.actor, row.outcome, row.object_id, row.patient) == (user, AuditOutcome.DENIED, str(patient.pk), None)


def test_the_walk_finds_the_admin_pages():
    assert {("patient_care_team", "physician"), ("patient_care_team", "patient")} <= set(refused_insider_cases())


def test_the_services_refuse_a_physician(physician, other_physician, patient):
    with pytest.raises(DomainError, match="Only a clinic admin"):
        services.care_team_reassign(actor=physician.user, from_physician=physician, to_physician=other_physician)
    with pytest.raises(DomainError, match="Only a clinic admin"):
        services.user_deactivate(actor=physician.user, user=patient.user)
