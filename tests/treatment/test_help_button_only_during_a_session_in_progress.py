"""The large "I need help" button (a plain POST form) shows while a session is in progress — between the passed
pre-dose check and the post-dose entry — on the session's page, the post-dose entry and Today; never on a held or a
completed session. Only the patient asks, and only for their own session in progress."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from anodyne.errors import DomainError
from tests.treatment.help_data import session_in_progress
from tests.treatment.session_data import good_check
from treatment import help as help_services
from treatment import services
from treatment.models import HelpRequest


def _button(session) -> str:
    return f'<form method="post" action="{reverse("session_help", kwargs={"session_pk": session.pk})}"'


def test_the_session_in_progress_shows_the_button_on_its_pages_and_today(client, ready_patient):
    session = session_in_progress(ready_patient)
    client.force_login(ready_patient.user)
    for url in (
        reverse("session_detail", kwargs={"session_pk": session.pk}),
        reverse("session_after", kwargs={"session_pk": session.pk}),
        reverse("today"),
    ):
        body = client.get(url).content.decode()
        assert _button(session) in body, url
        assert ">I need help</button>" in body, url


def test_a_held_session_has_no_button_and_takes_no_help_request(client, ready_patient):
    held = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170)
    ).session
    client.force_login(ready_patient.user)
    assert "I need help" not in client.get(reverse("session_detail", kwargs={"session_pk": held.pk})).content.decode()
    with pytest.raises(DomainError, match="not in progress"):
        help_services.session_help_request(actor=ready_patient.user, session=held)
    assert not HelpRequest.objects.exists()


def test_a_completed_session_has_no_button_and_takes_no_help_request(client, ready_patient):
    session = session_in_progress(ready_patient)
    services.session_log_dose(
        actor=ready_patient.user, session=session, dose_mg=Decimal(50), route="sublingual",
        taken_at=timezone.now(), dissociation=3, pain_after=2,
    )  # fmt: skip
    client.force_login(ready_patient.user)
    for url in (reverse("session_detail", kwargs={"session_pk": session.pk}), reverse("today")):
        assert "I need help" not in client.get(url).content.decode()
    response = client.post(reverse("session_help", kwargs={"session_pk": session.pk}))
    assert "Your care team has been told." not in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_only_the_patient_asks_for_help_in_their_own_session(
    client, ready_patient, physician, second_patient, consent_v1
):
    services.consent_sign(patient_user=second_patient.user, consent_version=consent_v1, typed_name="James Nguyen")
    session = session_in_progress(ready_patient)
    with pytest.raises(DomainError, match="Only the patient"):
        help_services.session_help_request(actor=physician.user, session=session)
    with pytest.raises(DomainError, match="Only the patient"):
        help_services.session_help_request(actor=second_patient.user, session=session)
    client.force_login(second_patient.user)
    assert client.post(reverse("session_help", kwargs={"session_pk": session.pk})).status_code == 404
    client.force_login(physician.user)
    assert client.post(reverse("session_help", kwargs={"session_pk": session.pk})).status_code == 403
    assert not HelpRequest.objects.exists()
