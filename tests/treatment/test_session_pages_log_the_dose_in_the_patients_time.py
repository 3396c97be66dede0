"""The post-dose page records what the patient reports through session_log_dose: the time taken is read in the
patient's own time zone, side effects left at "none" record nothing, and a severe one offers an adverse event."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.treatment.session_data import good_check
from tests.treatment.session_page_data import after_form
from treatment import services
from treatment.models import SessionStatus, TreatmentSession

CHECKED = dt.datetime(2026, 7, 1, 15, 30, tzinfo=dt.UTC)  # 10:30 in Chicago (UTC-5 in summer), Maya's zone


@pytest.fixture
def in_progress(ready_patient):
    with time_machine.travel(CHECKED, tick=False):
        return services.session_check_before_dose(
            actor=ready_patient.user, patient=ready_patient, check=good_check(checked_at=CHECKED)
        ).session


def test_the_time_taken_is_read_in_the_patients_zone(client, in_progress):
    client.force_login(in_progress.patient.user)
    with time_machine.travel(CHECKED + dt.timedelta(minutes=30), tick=False):
        page = client.get(reverse("session_after", kwargs={"session_pk": in_progress.pk})).content.decode()
        assert 'value="2026-07-01T11:00"' in page  # prefilled with now, in Chicago
        response = client.post(
            reverse("session_after", kwargs={"session_pk": in_progress.pk}),
            after_form("2026-07-01T10:45", effect_nausea="mild"),
        )
    assert response["Location"] == reverse("session_detail", kwargs={"session_pk": in_progress.pk})
    session = TreatmentSession.objects.get(pk=in_progress.pk)
    assert session.status == SessionStatus.COMPLETED
    assert session.taken_at == dt.datetime(2026, 7, 1, 15, 45, tzinfo=dt.UTC)
    assert [(e.effect, e.severity) for e in session.side_effects.all()] == [("nausea", "mild")]


def test_the_summary_shows_what_was_logged_and_a_severe_side_effect_offers_an_adverse_event(client, in_progress):
    client.force_login(in_progress.patient.user)
    url = reverse("session_after", kwargs={"session_pk": in_progress.pk})
    with time_machine.travel(CHECKED + dt.timedelta(minutes=30), tick=False):
        body = client.post(url, after_form("2026-07-01T10:45", effect_headache="severe"), follow=True)
    body = body.content.decode()
    assert "Session logged" in body
    assert "Headache: severe" in body
    # The adverse-event form (/adverse-events/new/), told which session it is about.
    assert f'adverse-events/new/?session={in_progress.pk}">Report this as an adverse event</a>' in body


def test_a_bad_entry_is_explained_and_records_nothing(client, in_progress):
    client.force_login(in_progress.patient.user)
    with time_machine.travel(CHECKED + dt.timedelta(minutes=30), tick=False):
        response = client.post(
            reverse("session_after", kwargs={"session_pk": in_progress.pk}), after_form("2026-07-01T10:00")
        )
    assert response.status_code == 200
    assert "cannot be before your pre-dose check" in response.content.decode()
    session = TreatmentSession.objects.get(pk=in_progress.pk)
    assert (session.status, session.dose_mg) == (SessionStatus.IN_PROGRESS, None)


def test_a_completed_session_takes_no_second_entry(client, in_progress):
    client.force_login(in_progress.patient.user)
    url = reverse("session_after", kwargs={"session_pk": in_progress.pk})
    with time_machine.travel(CHECKED + dt.timedelta(minutes=30), tick=False):
        client.post(url, after_form("2026-07-01T10:45"))
        response = client.post(url, after_form("2026-07-01T10:50", dose_mg="80"))
    assert response["Location"] == reverse("session_detail", kwargs={"session_pk": in_progress.pk})
    assert TreatmentSession.objects.get(pk=in_progress.pk).dose_mg == 50
