"""The pre-dose check page only parses the form: the hold or pass is treatment.services.session_check_before_dose's,
which the page calls, and a held check is recorded with every reason the gates gave."""

from django.urls import reverse

from tests.treatment.session_page_data import CHECK_FORM
from treatment import services
from treatment.models import SessionStatus, TreatmentSession


def test_a_held_check_posted_through_the_page_is_recorded_held_with_the_gates_reasons(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"systolic": "170", "diastolic": "105"})
    session = TreatmentSession.objects.get(patient=ready_patient)
    assert response["Location"] == reverse("session_detail", kwargs={"session_pk": session.pk})
    assert session.status == SessionStatus.HELD
    assert [failure["code"] for failure in session.gate_failures] == ["systolic", "diastolic"]
    body = client.get(response["Location"]).content.decode()
    assert "Do not take a dose now" in body
    for failure in session.gate_failures:
        assert failure["message"] in body
    assert "Your care team has been told." in body
    assert "You may take your dose" not in body


def test_the_page_calls_the_safety_service(client, ready_patient, monkeypatch):
    calls = []
    real = services.session_check_before_dose

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services, "session_check_before_dose", spy)
    client.force_login(ready_patient.user)
    client.post(reverse("session_new"), CHECK_FORM | {"systolic": "170", "diastolic": "105"})
    (call,) = calls
    assert (call["actor"], call["patient"]) == (ready_patient.user, ready_patient)
    assert (call["check"].systolic, call["check"].diastolic, call["check"].pain_now) == (170, 105, 6)


def test_whatever_the_service_decides_is_what_the_page_shows(client, ready_patient, monkeypatch):
    """A page that decided anything itself would show "You may take your dose" for this check."""
    real = services.session_check_before_dose

    def service_holds_everything(*, actor, patient, check):
        outcome = real(actor=actor, patient=patient, check=check)
        TreatmentSession.objects.filter(pk=outcome.session.pk).update(
            status=SessionStatus.HELD, gate_failures=[{"code": "test", "message": "The service said no."}]
        )
        return outcome

    monkeypatch.setattr(services, "session_check_before_dose", service_holds_everything)
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM, follow=True)
    body = response.content.decode()
    assert "The service said no." in body and "You may take your dose" not in body


def test_a_check_that_passes_lets_the_patient_dose(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM, follow=True)
    session = TreatmentSession.objects.get(patient=ready_patient)
    assert session.status == SessionStatus.IN_PROGRESS
    assert "You may take your dose of 50 mg (sublingual)" in response.content.decode()
