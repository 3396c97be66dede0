"""Answers are validated with clear messages naming the question, and nothing is saved on error — on the page (a
missing or impossible answer) and in the service (monitoring.instruments.score's message naming the item key)."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import services
from monitoring.models import Alert, AssignmentStatus, SurveyResponse
from tests.monitoring.survey_data import assign, bladder, phq9


def test_a_missing_answer_names_the_question(client, patient):
    assignment = assign(patient, "phq9")
    answers = phq9(q9=1)
    del answers["q4"]
    client.force_login(patient.user)

    response = client.post(reverse("survey_answer", kwargs={"assignment_pk": assignment.pk}), answers)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert "Choose an answer to question 4 (q4)." in body
    assert 'value="1" required id="id_q9_1" checked' in body or "checked" in body  # the other answers are kept
    assert not SurveyResponse.objects.exists() and not Alert.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DUE


def test_an_impossible_answer_names_the_question(client, patient):
    assignment = assign(patient, "bladder")
    client.force_login(patient.user)

    response = client.post(
        reverse("survey_answer", kwargs={"assignment_pk": assignment.pk}), {**bladder(), "q4": "1"}
    )  # ICSI q4 has no 1

    assert "Choose one of the answers offered for question 4 (q4)." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_service_refuses_with_the_item_key_and_saves_nothing(patient):
    assignment = assign(patient, "phq9")
    with pytest.raises(DomainError, match="q9"):
        services.survey_response_submit(actor=patient.user, assignment=assignment, answers={**phq9(), "q9": 7})
    assert not SurveyResponse.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DUE


def test_only_the_patient_answers_and_only_once(patient, physician):
    assignment = assign(patient, "gad7")
    answers = {f"q{n}": 0 for n in range(1, 8)}
    with pytest.raises(DomainError):
        services.survey_response_submit(actor=physician.user, assignment=assignment, answers=answers)
    services.survey_response_submit(actor=patient.user, assignment=assignment, answers=answers)
    with pytest.raises(DomainError, match="already answered"):
        services.survey_response_submit(actor=patient.user, assignment=assignment, answers=answers)
    assert SurveyResponse.objects.count() == 1
