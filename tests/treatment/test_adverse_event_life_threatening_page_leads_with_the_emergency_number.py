"""What to do now comes first: the form shows the clinic's emergency number at the top, and after a life-threatening
report the page starts with "Call {number} now" (a tel: link), before it says the care team has been told; after a
severe one it starts with getting medical care. No JavaScript is involved: the page after the POST decides."""

import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone


@pytest.fixture
def emergency(clinic):
    clinic.emergency_number = "112"
    clinic.save(update_fields=["emergency_number"])
    return "112"


def report(client, patient, severity):
    client.force_login(patient.user)
    zone = zoneinfo.ZoneInfo(patient.time_zone)
    started = timezone.localtime(timezone.now() - timedelta(minutes=20), zone).strftime("%Y-%m-%dT%H:%M")
    return client.post(
        reverse("adverse_event_new"),
        {"description": "Chest pain and cannot breathe.", "started_at": started, "severity": severity},
        follow=True,
    )


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') :]


def test_the_form_shows_the_emergency_number_before_anything_else(client, patient, emergency):
    client.force_login(patient.user)
    main = main_of(client.get(reverse("adverse_event_new")))
    assert main.index('href="tel:112"') < main.index("<h1>") < main.index("<form")
    assert 'Call <a href="tel:112">112</a> now.' in main  # in the life-threatening choice itself


def test_a_life_threatening_report_leads_with_call_the_emergency_number_now(client, patient, emergency):
    main = main_of(report(client, patient, "life_threatening"))
    call = main.index('Call <a href="tel:112">112</a> now')
    # The page's first heading, before anything else it says.
    assert main.index("<h1") < call < main.index("Your care team has been told")
    assert "<h2" not in main[:call] and "<p" not in main[:call]
    assert "Do not take another dose until your care team has reviewed this." in main


def test_a_severe_report_leads_with_getting_medical_care(client, patient, emergency):
    main = main_of(report(client, patient, "severe"))
    assert main.index("Get medical care now") < main.index("Your care team has been told")
    assert 'href="tel:112"' in main


def test_a_mild_report_thanks_and_says_the_care_team_was_told(client, patient, emergency):
    main = main_of(report(client, patient, "mild"))
    assert "Your care team has been told" in main
    assert "Get medical care now" not in main and "Call <a" not in main
    assert "Do not take another dose" not in main


def test_only_the_reporting_patient_sees_their_result_page(client, patient, second_patient, emergency):
    report(client, patient, "mild")
    from treatment.models import AdverseEvent

    client.force_login(second_patient.user)
    response = client.get(reverse("adverse_event_reported", kwargs={"adverse_event_pk": AdverseEvent.objects.get().pk}))
    assert response.status_code == 404
