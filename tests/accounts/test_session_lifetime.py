"""Staff sessions end after 15 minutes idle or 12 hours in all; patients' after 4 hours idle or 30 days."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone


def test_staff_are_signed_out_after_15_idle_minutes(client, physician):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(physician.user)
        assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_activity_keeps_the_session_alive_up_to_12_hours(client, physician):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(physician.user)
        client.get(reverse("dashboard"))
        elapsed = timedelta(0)
        while elapsed + timedelta(minutes=14) <= timedelta(hours=12):  # a request every 14 minutes
            traveller.shift(timedelta(minutes=14))
            elapsed += timedelta(minutes=14)
            assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(timedelta(minutes=14))  # still active, but past 12 hours in all
        response = client.get(reverse("dashboard"), follow=True)
    assert b"reached its limit of 12 hours" in response.content
    assert "_auth_user_id" not in client.session


def test_the_signed_out_person_is_told_why(client, physician):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(physician.user)
        client.get(reverse("dashboard"))
        traveller.shift(timedelta(minutes=16))
        response = client.get(reverse("dashboard"), follow=True)
    assert b"You were signed out after 15 minutes without activity." in response.content


def test_a_patient_stays_signed_in_through_an_hour_long_dose(client, patient):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(patient.user)
        client.get(reverse("today"))
        traveller.shift(timedelta(hours=3, minutes=59))
        assert client.get(reverse("today")).status_code == 200


def test_a_patient_is_signed_out_after_4_idle_hours(client, patient):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(patient.user)
        client.get(reverse("today"))
        traveller.shift(timedelta(hours=4, minutes=1))
        assert client.get(reverse("today")).status_code == 302
