"""Each person lands on their own start page, which shows what exists for them — in a constant number of queries."""

import pytest
from django.urls import reverse

from tests.factories import PatientFactory


def test_home_sends_each_role_to_their_start_page(client, patient, physician, clinic_admin):
    for user, page in [(patient.user, "today"), (physician.user, "dashboard"), (clinic_admin, "clinic")]:
        client.force_login(user)
        assert client.get(reverse("home"))["Location"] == reverse(page)


def test_today_shows_the_patients_care_team_and_clinic(client, patient):
    client.force_login(patient.user)
    body = client.get(reverse("today")).content.decode()
    assert "Dr. Elena Rivera" in body
    assert "Sunrise Pain Clinic" in body
    assert "Dr. Daniel Okafor" not in body


def test_the_dashboard_lists_only_the_physicians_own_patients(
    client, physician, patient, second_patient, outside_patient
):
    client.force_login(physician.user)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Maya Patel" in body and "James Nguyen" in body
    assert "Lucia Garcia" not in body


def test_the_clinic_page_lists_staff_with_their_mfa_state_and_every_patient(
    client, clinic_admin, physician, patient, outside_patient
):
    client.force_login(clinic_admin)
    body = client.get(reverse("clinic")).content.decode()
    assert "Elena Rivera" in body and "Maya Patel" in body
    assert "Lucia Garcia" not in body and "Sam Harper" not in body


def test_a_page_of_another_role_is_refused(client, patient):
    client.force_login(patient.user)
    assert client.get(reverse("dashboard")).status_code == 403


# The dashboard's query count: tests/monitoring/test_dashboard_queries_stay_constant_at_10_and_300_patients.py


@pytest.mark.parametrize("extra_patients", [1, 40])
def test_the_clinic_page_runs_the_same_queries_for_few_or_many_patients(
    client, clinic, clinic_admin, physician, django_assert_num_queries, extra_patients
):
    PatientFactory.create_batch(extra_patients, clinic=clinic, care_team=[physician])
    client.force_login(clinic_admin)
    client.get(reverse("clinic"))
    # session, user, authenticator check, clinic, staff, pending invitations (with their total), count + page of
    # patients, their care teams, the audit of every listed patient (chain lock, last hash, one insert).
    with django_assert_num_queries(12):
        assert client.get(reverse("clinic")).status_code == 200
