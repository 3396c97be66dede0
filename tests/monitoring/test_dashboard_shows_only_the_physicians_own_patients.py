"""A physician's dashboard shows the patients on their care teams and those patients' alerts only: never another
physician's patients of the same clinic, never another clinic's."""

from django.urls import reverse

from tests.factories import PatientFactory
from tests.monitoring.conftest import raise_alert


def test_roster_and_alerts_hold_only_the_care_teams_patients(
    client, clinic, physician, other_physician, patient, outside_patient
):
    not_mine = PatientFactory(clinic=clinic, care_team=[other_physician], user__full_name="Nora Unassigned")
    raise_alert(patient, cause="session:1", summary="Mine.")
    raise_alert(not_mine, cause="session:2", summary="Not mine.")
    raise_alert(outside_patient, cause="session:3", summary="Another clinic.")

    client.force_login(physician.user)
    response = client.get(reverse("dashboard"))
    body = response.content.decode()
    assert [row.patient.pk for row in response.context["page"].object_list] == [patient.pk]
    assert [alert.patient_id for alert in response.context["alerts"]] == [patient.pk]
    assert "Nora Unassigned" not in body and "Not mine." not in body
    assert outside_patient.user.full_name not in body and "Another clinic." not in body


def test_only_physicians_have_a_dashboard(client, patient, clinic_admin):
    for user in (patient.user, clinic_admin):
        client.force_login(user)
        assert client.get(reverse("dashboard")).status_code == 403
