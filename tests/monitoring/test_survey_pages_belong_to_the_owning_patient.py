"""Another patient's check-in is a 404 (never a hint it exists), audited as denied; staff do not use these pages."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditOutcome
from monitoring.models import SurveyResponse
from tests.monitoring.survey_data import assign, phq9


@pytest.mark.parametrize("url_name", ["survey_answer", "survey_done"])
@pytest.mark.parametrize("who", ["second_patient", "outside_patient"])
def test_another_patients_check_in_is_404(client, patient, url_name, who, request):
    assignment = assign(patient, "phq9")
    client.force_login(request.getfixturevalue(who).user)
    url = reverse(url_name, kwargs={"assignment_pk": assignment.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, phq9(q9=1)).status_code == 404
    assert not SurveyResponse.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="survey_assignment", object_id=str(assignment.pk), outcome=AuditOutcome.DENIED
    ).exists()


def test_staff_get_403(client, patient, physician):
    assignment = assign(patient, "phq9")
    client.force_login(physician.user)
    assert client.get(reverse("survey_answer", kwargs={"assignment_pk": assignment.pk})).status_code == 403
