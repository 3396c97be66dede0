"""The plan sets the refill level — "Request a refill" is offered below that many sessions' worth — from 1 to 14,
2 when left unset (not a clinic setting); a revision left empty keeps it; the plan page shows it and its history."""

from django.urls import reverse

from tests.treatment.test_plan_pages import FORM
from treatment.models import TreatmentPlan


def _current(patient):
    return TreatmentPlan.objects.get(patient=patient).current_version


def test_a_new_plan_starts_at_two_sessions(client, physician, patient):
    client.force_login(physician.user)
    form = client.get(reverse("plan_edit", kwargs={"patient_pk": patient.pk})).context["form"]
    assert form["refill_at_sessions"].value() == 2
    client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM)  # the field left out
    assert _current(patient).refill_at_sessions == 2


def test_the_level_is_set_revised_and_kept(client, physician, patient):
    client.force_login(physician.user)
    url = reverse("plan_edit", kwargs={"patient_pk": patient.pk})
    client.post(url, FORM | {"refill_at_sessions": "4"})
    assert _current(patient).refill_at_sessions == 4
    client.post(url, FORM | {"dose_mg": "60", "refill_at_sessions": "", "reason": "Tolerated well"})
    assert (_current(patient).dose_mg, _current(patient).refill_at_sessions) == (60, 4)
    client.post(url, FORM | {"dose_mg": "60", "refill_at_sessions": "3", "reason": "Pharmacy is slower"})
    page = client.get(reverse("plan_detail", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "offered when the supply on hand falls below 3 sessions' worth" in page
    assert "Refill offered below (sessions&#x27; worth)</th><td>4</td><td>3</td>" in page


def test_outside_one_to_fourteen_is_refused(client, physician, patient):
    client.force_login(physician.user)
    url = reverse("plan_edit", kwargs={"patient_pk": patient.pk})
    for bad, message in (("0", "greater than or equal to 1"), ("15", "less than or equal to 14")):
        response = client.post(url, FORM | {"refill_at_sessions": bad})
        assert response.status_code == 200 and message in response.content.decode()
    assert not TreatmentPlan.objects.filter(patient=patient).exists()
