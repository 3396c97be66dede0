"""Only a physician on the patient's care team approves or declines a refill: not a physician off the care team, not
the clinic admin, not the patient, not another clinic. The refill page is for the care team's physicians and the
clinic admin (who records dispenses); anyone who may not see the patient gets a 404."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.refill_data import low_supply, requested
from treatment import refills
from treatment.models import RefillStatus


@pytest.fixture
def open_request(physician, ready_patient, plan):
    low_supply(physician, ready_patient, plan)
    return requested(ready_patient)


@pytest.mark.parametrize(
    ("someone", "code"),
    [
        ("other_physician", "not_found"),
        ("outside_physician", "not_found"),
        ("clinic_admin", "forbidden"),
        ("patient", "forbidden"),
    ],
)
def test_nobody_but_the_care_team_decides(request, open_request, someone, code):
    person = request.getfixturevalue(someone)
    user = getattr(person, "user", person)
    for approve in (True, False):
        with pytest.raises(DomainError) as refused:
            refills.refill_decide(actor=user, request=open_request, approve=approve, reason="Because")
        assert refused.value.code == code
    open_request.refresh_from_db()
    assert open_request.status == RefillStatus.REQUESTED


def test_a_care_team_physician_approves(physician, open_request):
    decided = refills.refill_decide(actor=physician.user, request=open_request, approve=True)
    assert (decided.status, decided.decided_by, decided.decided_at is not None) == (
        RefillStatus.APPROVED,
        physician.user,
        True,
    )


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician", "outside_patient"])
def test_the_page_is_a_404_for_outsiders(client, request, ready_patient, open_request, outsider):
    person = request.getfixturevalue(outsider)
    client.force_login(person.user)
    url = reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"refill": open_request.pk, "decision": "approve"}).status_code == 404
    open_request.refresh_from_db()
    assert open_request.status == RefillStatus.REQUESTED


def test_the_clinic_admin_reads_the_page_but_cannot_decide(client, clinic_admin, ready_patient, open_request):
    client.force_login(clinic_admin)
    url = reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})
    body = client.get(url).content.decode()
    assert "Maya Patel" in body and ">Approve</button>" not in body
    assert client.post(url, {"refill": open_request.pk, "decision": "approve"}).status_code == 403
    open_request.refresh_from_db()
    assert open_request.status == RefillStatus.REQUESTED


def test_the_patient_gets_a_403_on_the_care_teams_page(client, ready_patient, open_request):
    client.force_login(ready_patient.user)
    assert client.get(reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})).status_code == 403


def test_the_physician_approves_on_the_page(client, physician, ready_patient, open_request):
    client.force_login(physician.user)
    url = reverse("patient_refills", kwargs={"patient_pk": ready_patient.pk})
    assert ">Approve</button>" in client.get(url).content.decode()
    response = client.post(url, {"refill": open_request.pk, "decision": "approve", "reason": ""}, follow=True)
    assert "The refill was approved: it awaits the dispense." in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == RefillStatus.APPROVED


def test_a_request_of_another_patient_is_a_404_on_this_patients_page(client, physician, second_patient, open_request):
    """The request is looked up among the page's patient's own: Maya's request on James's page decides nothing."""
    client.force_login(physician.user)
    url = reverse("patient_refills", kwargs={"patient_pk": second_patient.pk})
    assert client.post(url, {"refill": open_request.pk, "decision": "approve"}).status_code == 404
    open_request.refresh_from_db()
    assert open_request.status == RefillStatus.REQUESTED
