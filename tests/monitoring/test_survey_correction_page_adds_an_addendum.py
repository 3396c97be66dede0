"""A saved response is corrected only by an addendum shown beside it; the answers and scores never change."""

from django.urls import reverse

from monitoring import services
from monitoring.models import SurveyResponseAddendum
from tests.monitoring.survey_data import assign, phq9


def test_the_patient_adds_a_correction_and_the_answers_stay(client, patient):
    assignment = assign(patient, "phq9")
    response = services.survey_response_submit(actor=patient.user, assignment=assignment, answers=phq9(each=1))
    client.force_login(patient.user)
    url = reverse("survey_correct", kwargs={"assignment_pk": assignment.pk})
    posted = client.post(url, {"reason": "Wrong button on question 3", "text": "I sleep well: question 3 is 0."})
    assert posted.status_code == 302
    response.refresh_from_db()
    assert (response.total, response.answers["q3"]) == (8, 1)  # q1-q8 at 1, q9 at 0
    page = client.get(url).content.decode()
    assert "Wrong button on question 3" in page and "Several days" in page


def test_a_correction_without_a_reason_saves_nothing(client, patient):
    assignment = assign(patient, "phq9")
    services.survey_response_submit(actor=patient.user, assignment=assignment, answers=phq9())
    client.force_login(patient.user)
    response = client.post(
        reverse("survey_correct", kwargs={"assignment_pk": assignment.pk}), {"reason": "", "text": "x"}
    )
    assert response.status_code == 200
    assert not SurveyResponseAddendum.objects.exists()


def test_another_patient_cannot_open_the_correction_page(client, patient, second_patient):
    assignment = assign(patient, "phq9")
    services.survey_response_submit(actor=patient.user, assignment=assignment, answers=phq9())
    client.force_login(second_patient.user)
    assert client.get(reverse("survey_correct", kwargs={"assignment_pk": assignment.pk})).status_code == 404
