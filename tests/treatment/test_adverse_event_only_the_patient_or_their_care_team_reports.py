"""The patient reports an adverse event for themself, or a physician on their care team for them. A clinic admin,
a physician off the care team, another patient or another clinic cannot: refused by the service, 403/404 on the pages,
and nothing is recorded or raised."""

import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anodyne.errors import DomainError
from monitoring.models import Alert
from tests.treatment.record_data import completed_session
from treatment import services
from treatment.models import AdverseEvent


def report(actor, patient, **changes):
    fields = {
        "description": "Headache for a day.",
        "started_at": timezone.now() - timedelta(hours=3),
        "severity": "moderate",
    } | changes
    return services.adverse_event_report(actor=actor, patient=patient, **fields)


def form(**changes):
    # The page reads the time on the patient's clock; the cast's patients live in America/Chicago.
    started = timezone.localtime(timezone.now() - timedelta(hours=3), zoneinfo.ZoneInfo("America/Chicago"))
    return {
        "description": "Headache for a day.",
        "started_at": started.strftime("%Y-%m-%dT%H:%M"),
        "severity": "moderate",
        "ongoing": "on",
    } | changes


@pytest.mark.parametrize("who", ["clinic_admin", "other_physician", "second_patient", "outside_physician"])
def test_the_service_refuses_anyone_else(request, patient, who):
    person = request.getfixturevalue(who)
    with pytest.raises(DomainError, match="Only the patient, or a physician on their care team"):
        report(getattr(person, "user", person), patient)
    assert not AdverseEvent.objects.exists()
    assert not Alert.objects.exists()


def test_a_patient_cannot_report_for_another_patient_on_the_page(client, patient, second_patient):
    client.force_login(second_patient.user)
    response = client.post(reverse("adverse_event_record", kwargs={"patient_pk": patient.pk}), form())
    assert response.status_code == 404
    assert not AdverseEvent.objects.exists()


def test_a_clinic_admin_cannot_report_one_on_the_page(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    response = client.post(reverse("adverse_event_record", kwargs={"patient_pk": patient.pk}), form())
    assert response.status_code == 403
    assert not AdverseEvent.objects.exists()


def test_the_patients_own_form_reports_for_themself_only(client, patient, second_patient):
    client.force_login(second_patient.user)
    response = client.post(reverse("adverse_event_new"), form())
    assert response.status_code == 302
    assert AdverseEvent.objects.get().patient == second_patient


def test_a_session_of_another_patient_cannot_be_linked(ready_patient, second_patient):
    session = completed_session(ready_patient)
    with pytest.raises(DomainError, match="not one of this patient's sessions"):
        report(second_patient.user, second_patient, session=session)
    assert not AdverseEvent.objects.exists()


def test_the_patient_links_their_own_session_preselected_from_the_query(client, ready_patient):
    session = completed_session(ready_patient)
    client.force_login(ready_patient.user)
    page = client.get(reverse("adverse_event_new") + f"?session={session.pk}")
    assert f'<option value="{session.pk}" selected>' in page.content.decode()

    client.post(reverse("adverse_event_new"), form(session=str(session.pk)))
    assert AdverseEvent.objects.get().session == session


def test_a_physician_on_the_care_team_records_one_on_the_page(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(reverse("adverse_event_record", kwargs={"patient_pk": patient.pk}), form())
    assert response.status_code == 302
    adverse_event = AdverseEvent.objects.get()
    assert (adverse_event.patient, adverse_event.reported_by) == (patient, physician.user)
