"""A session page is its patient's alone: another patient's session is a 404 (audited as denied), and staff cannot
start a session (403)."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditOutcome
from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import SessionStatus, TreatmentSession


@pytest.fixture
def james(second_patient, consent_v1):
    """The second patient, past the consent page like Maya."""
    services.consent_sign(patient_user=second_patient.user, consent_version=consent_v1, typed_name="James Nguyen")
    return second_patient


@pytest.fixture
def marias_session(ready_patient):
    return services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check()
    ).session


@pytest.mark.parametrize("url_name", ["session_detail", "session_after"])
def test_another_patients_session_is_a_404(client, james, marias_session, url_name):
    client.force_login(james.user)
    response = client.get(reverse(url_name, kwargs={"session_pk": marias_session.pk}))
    assert response.status_code == 404
    (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert (row.outcome, row.patient) == (AuditOutcome.DENIED, None)


def test_another_patient_cannot_log_a_dose_into_it(client, james, marias_session):
    client.force_login(james.user)
    response = client.post(reverse("session_after", kwargs={"session_pk": marias_session.pk}), {"dose_mg": "50"})
    assert response.status_code == 404
    assert TreatmentSession.objects.get(pk=marias_session.pk).status == SessionStatus.IN_PROGRESS


@pytest.mark.parametrize("staff", ["physician", "clinic_admin"])
def test_staff_cannot_start_a_session(client, request, staff, ready_patient):
    person = request.getfixturevalue(staff)
    client.force_login(getattr(person, "user", person))
    assert client.get(reverse("session_new")).status_code == 403
    assert client.post(reverse("session_new"), {}).status_code == 403
    assert not TreatmentSession.objects.exists()


def test_each_session_page_view_writes_one_audit_row(client, ready_patient, marias_session):
    client.force_login(ready_patient.user)
    for url in [
        reverse("session_detail", kwargs={"session_pk": marias_session.pk}),
        reverse("session_after", kwargs={"session_pk": marias_session.pk}),
        reverse("session_history"),
        reverse("today"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        (row,) = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
        assert (row.patient, row.outcome) == (ready_patient, AuditOutcome.SUCCESS)
