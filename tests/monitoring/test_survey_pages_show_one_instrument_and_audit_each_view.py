"""The check-in pages: the list of what is due (also on Today), one instrument per page with its stem, each item a
fieldset with "Question n of N"; each page view is one audit row about the patient."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditAction, AuditEvent
from tests.monitoring.survey_data import answer, assign, phq9


def _views(patient):
    return AuditEvent.objects.filter(action=AuditAction.VIEW, patient=patient).count()


def test_the_list_today_and_the_form(client, patient):
    due = assign(patient, "phq9")
    assign(patient, "gad7", due_at=timezone.now() + dt.timedelta(hours=3), slot="later")  # not due yet
    answer(patient, "nrs", {"pain": 4})
    client.force_login(patient.user)

    before = _views(patient)
    body = client.get(reverse("survey_list")).content.decode()
    assert _views(patient) == before + 1
    assert reverse("survey_answer", kwargs={"assignment_pk": due.pk}) in body
    assert "Patient Health Questionnaire" in body and "Generalized Anxiety" not in body
    assert "Answered in the last two weeks" in body
    assert "Pain intensity (0-10 numeric rating scale)" in body

    today = client.get(reverse("today")).content.decode()
    assert "Check-ins due" in today and reverse("survey_answer", kwargs={"assignment_pk": due.pk}) in today

    before = _views(patient)
    form = client.get(reverse("survey_answer", kwargs={"assignment_pk": due.pk})).content.decode()
    assert _views(patient) == before + 1
    assert "Over the last 2 weeks, how often have you been bothered by any of the following problems?" in form
    assert form.count("<fieldset") == 10  # q1-q9 and the optional difficulty item
    assert "Question 1 of 10" in form and "Question 9 of 10" in form
    assert "Thoughts that you would be better off dead, or of hurting yourself in some way" in form
    assert "More than half the days" in form


def test_the_done_page_is_audited_too(client, patient):
    due = assign(patient, "phq9")
    client.force_login(patient.user)
    client.post(reverse("survey_answer", kwargs={"assignment_pk": due.pk}), phq9())
    before = _views(patient)
    assert client.get(reverse("survey_done", kwargs={"assignment_pk": due.pk})).status_code == 200
    assert _views(patient) == before + 1
