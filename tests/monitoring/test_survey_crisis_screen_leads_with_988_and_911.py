"""CLINICAL.md section 6: after a PHQ-9 with item 9 above 0, the next screen shows — before anything else — the crisis
line (call or text 988), the emergency number (911) and the clinic's own contact as tel:/sms: links, then "Your care
team has been told"; the care team has a critical suicidality alert. Without it, a plain thank-you with the score."""

from django.urls import reverse

from monitoring.models import Alert, AlertKind, Severity
from tests.monitoring.survey_data import assign, phq9


def test_the_crisis_resources_come_first(client, patient, clinic):
    assignment = assign(patient, "phq9")
    client.force_login(patient.user)

    response = client.post(reverse("survey_answer", kwargs={"assignment_pk": assignment.pk}), phq9(q9=1))
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()

    main = body[body.index('<main id="main"') :]
    crisis = main.index("Call or text")
    assert main.index('href="tel:988"') > crisis
    assert 'href="sms:988"' in main
    assert "(the 988 Suicide &amp; Crisis Lifeline in the US)" in main
    emergency = main.index("In an emergency call")
    assert main.index('href="tel:911"') > emergency
    clinic_contact = main.index(f'href="tel:{clinic.contact_phone}"')
    told = main.index("Your care team has been told")
    assert crisis < emergency < clinic_contact < told
    assert "Thank you for answering honestly" in main[told:]
    # The crisis section is the first thing in the page's main content (after the messages, if any).
    assert main.index('<section class="emergency crisis" role="alert"') < main.index("<h1") < crisis
    assert "Thank you" not in main[:told]
    alert = Alert.objects.get(patient=patient, kind=AlertKind.SUICIDALITY)
    assert alert.severity == Severity.CRITICAL


def test_a_negative_item9_gets_a_thank_you_with_the_score(client, patient):
    assignment = assign(patient, "phq9")
    client.force_login(patient.user)

    response = client.post(reverse("survey_answer", kwargs={"assignment_pk": assignment.pk}), phq9(each=2))
    body = client.get(response["Location"]).content.decode()

    assert "Call or text" not in body and "Your care team has been told" not in body
    assert "Your PHQ-9 score is 16 out of 27: moderately severe symptoms." in body
