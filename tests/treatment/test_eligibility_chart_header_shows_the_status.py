"""The patient chart's header says where the patient's eligibility stands, with a link to the screen."""

from django.urls import reverse

from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from treatment import eligibility_services


def _eligibility_line(client, patient) -> str:
    body = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    start = body.index("<dt>Eligibility</dt>")
    return body[start : body.index("</dd>", start)]


def test_the_chart_header_follows_the_screen(client, clinic, physician):
    patient = PatientFactory(clinic=clinic, care_team=[physician], cleared=False)
    client.force_login(physician.user)
    assert "not answered yet" in _eligibility_line(client, patient)

    screen = answered_screen(patient, "sud")
    line = _eligibility_line(client, patient)
    assert "needs review" in line
    assert reverse("eligibility_review", kwargs={"patient_pk": patient.pk}) in line

    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="sud", decision="proceed", note="In recovery, sponsor involved."
    )
    assert "cleared" in _eligibility_line(client, patient)
    eligibility_services.eligibility_rescreen_request(actor=physician.user, patient=patient, reason="Yearly")
    assert "re-screen waiting for the patient" in _eligibility_line(client, patient)
