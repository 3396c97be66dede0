"""A saved response is never changed: a correction is an addendum beside it, by the patient who answered or a
physician of their care team; nobody else may add one."""

import pytest

from anodyne.errors import DomainError
from monitoring import services
from monitoring.models import SurveyResponse
from tests.monitoring.survey_data import answer, phq9


def test_an_addendum_keeps_the_answers_and_scores(patient, physician):
    response = answer(patient, "phq9", phq9(each=1))
    before = SurveyResponse.objects.values("answers", "total", "band", "flags").get(pk=response.pk)

    services.survey_response_amend(
        actor=patient.user, response=response, reason="I misread question 3", text="Question 3 should be 0."
    )
    services.survey_response_amend(
        actor=physician.user, response=response, reason="Discussed by phone", text="Sleep is fine."
    )

    assert SurveyResponse.objects.values("answers", "total", "band", "flags").get(pk=response.pk) == before
    assert [a.author for a in response.addenda.all()] == [patient.user, physician.user]


@pytest.mark.parametrize("who", ["second_patient", "other_physician", "outside_physician", "clinic_admin"])
def test_others_cannot_add_one(patient, who, request):
    response = answer(patient, "phq9", phq9())
    person = request.getfixturevalue(who)
    user = getattr(person, "user", person)
    with pytest.raises(DomainError):
        services.survey_response_amend(actor=user, response=response, reason="Correction", text="Something")
    assert not response.addenda.exists()


def test_the_reason_and_the_text_are_needed(patient):
    response = answer(patient, "phq9", phq9())
    with pytest.raises(DomainError, match="why"):
        services.survey_response_amend(actor=patient.user, response=response, reason=" ", text="Correction")
    with pytest.raises(DomainError, match="correction"):
        services.survey_response_amend(actor=patient.user, response=response, reason="Typo", text="")
