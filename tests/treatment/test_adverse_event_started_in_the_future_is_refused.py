"""When an adverse event started cannot be in the future. The page reads the datetime-local input in the patient's
own time zone, so "in the future" is judged by the patient's clock, not the server's."""

import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anodyne.errors import DomainError
from monitoring.models import Alert
from treatment import services
from treatment.models import AdverseEvent


def local(patient, moment) -> str:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(patient.time_zone)).strftime("%Y-%m-%dT%H:%M")


def post(client, patient, started_at):
    client.force_login(patient.user)
    return client.post(
        reverse("adverse_event_new"),
        {"description": "Dizzy.", "started_at": started_at, "severity": "mild", "ongoing": "on"},
    )


def test_the_service_refuses_a_start_in_the_future(patient):
    with pytest.raises(DomainError, match="cannot be in the future"):
        services.adverse_event_report(
            actor=patient.user,
            patient=patient,
            description="Dizzy.",
            started_at=timezone.now() + timedelta(minutes=5),
            severity="mild",
        )
    assert not AdverseEvent.objects.exists()
    assert not Alert.objects.exists()


def test_the_page_refuses_a_start_in_the_future_of_the_patients_clock(client, patient):
    # Maya lives in America/Chicago (UTC-5 or -6): this wall-clock time, read as UTC, would be hours in the past.
    response = post(client, patient, local(patient, timezone.now() + timedelta(minutes=30)))
    assert response.status_code == 200
    assert "When it started cannot be in the future." in response.content.decode()
    assert not AdverseEvent.objects.exists()


def test_the_page_stores_the_patients_local_time_as_an_aware_moment(client, patient):
    started = (timezone.now() - timedelta(hours=2)).replace(second=0, microsecond=0)
    response = post(client, patient, local(patient, started))
    assert response.status_code == 302
    assert AdverseEvent.objects.get().started_at == started
