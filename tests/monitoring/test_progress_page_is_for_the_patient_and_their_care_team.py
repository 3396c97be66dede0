"""The progress page: the patient's own at /progress/; the care team's physicians and the clinic admin at
/patients/<pk>/progress/; the patient is refused the staff page (403) and outsiders get a 404."""

import pytest
from django.urls import reverse


def staff_url(patient):
    return reverse("patient_progress", kwargs={"patient_pk": patient.pk})


def test_the_patient_sees_their_own(client, patient):
    client.force_login(patient.user)
    response = client.get(reverse("my_progress"))
    assert response.status_code == 200
    assert "Your progress" in response.content.decode()
    assert client.get(staff_url(patient)).status_code == 403


@pytest.mark.parametrize("insider", ["physician", "clinic_admin"])
def test_the_care_team_and_the_clinic_admin_read_it(client, request, patient, insider):
    person = request.getfixturevalue(insider)
    client.force_login(getattr(person, "user", person))
    response = client.get(staff_url(patient))
    assert response.status_code == 200
    assert "Progress of Maya Patel" in response.content.decode()


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician", "second_patient"])
def test_outsiders_get_404(client, request, patient, outsider):
    person = request.getfixturevalue(outsider)
    client.force_login(getattr(person, "user", person))
    assert client.get(staff_url(patient)).status_code == 404
