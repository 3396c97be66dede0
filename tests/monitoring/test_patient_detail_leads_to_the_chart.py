"""The patient's page leads the care team and the clinic admin to the chart, their main view of the patient; the
patient's own view of it does not."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("insider", ["physician", "clinic_admin"])
def test_staff_see_the_link(client, request, patient, insider):
    person = request.getfixturevalue(insider)
    client.force_login(getattr(person, "user", person))
    page = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk})).content.decode()
    assert f'href="{reverse("patient_chart", kwargs={"patient_pk": patient.pk})}">Open the chart' in page


def test_the_patient_does_not(client, patient):
    client.force_login(patient.user)
    response = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    assert reverse("patient_chart", kwargs={"patient_pk": patient.pk}) not in response.content.decode()
