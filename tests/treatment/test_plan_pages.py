"""The plan pages: a physician writes and changes the plan with a reason; everyone else reads it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import TreatmentPlan

FORM = {
    "route": "sublingual",
    "dose_mg": "50",
    "max_single_dose_mg": "100",
    "sessions_per_week": "2",
    "min_hours_between": "72",
    "systolic_limit": "160",
    "diastolic_limit": "90",
    "heart_rate_lower": "50",
    "heart_rate_upper": "100",
    "sitter_required": "on",
    "fasting_hours": "2",
    "no_driving_hours": "24",
    "review_date": "2027-03-01",
    "session_weekdays": ["0", "3"],
    "session_time": "18:00",
    "titration_text": "75 mg from session 4",
    "reason": "Start after intake",
}


def test_a_physician_writes_the_first_plan_on_the_page(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM)
    assert response["Location"] == reverse("plan_detail", kwargs={"patient_pk": patient.pk})
    version = TreatmentPlan.objects.get(patient=patient).current_version
    assert (version.dose_mg, version.session_weekdays, version.titration) == (
        Decimal(50),
        [0, 3],
        [{"dose_mg": "75", "from_session": 4}],
    )


def test_bad_input_is_explained_and_saves_nothing(client, physician, patient):
    client.force_login(physician.user)
    response = client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM | {"systolic_limit": "200"})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 180." in response.content.decode()
    assert not TreatmentPlan.objects.filter(patient=patient).exists()


def test_the_history_shows_what_changed_and_why(client, physician, patient):
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    services.plan_revise(actor=physician.user, plan=plan, reason="Tolerated well", dose_mg=Decimal(75))
    client.force_login(patient.user)
    body = client.get(reverse("plan_detail", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "Tolerated well" in body
    assert '<th scope="row">Dose mg</th><td>50.0</td><td>75.0</td>' in body


def test_the_patient_reads_the_plan_but_cannot_change_it(client, physician, patient):
    services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    client.force_login(patient.user)
    assert b"Change the plan" not in client.get(reverse("plan_detail", kwargs={"patient_pk": patient.pk})).content
    assert client.get(reverse("plan_edit", kwargs={"patient_pk": patient.pk})).status_code == 403


def test_a_clinic_admin_cannot_change_a_plan(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    response = client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM)
    assert response.status_code == 403
    assert not TreatmentPlan.objects.filter(patient=patient).exists()


def test_a_physician_off_the_care_team_gets_404(client, other_physician, patient):
    client.force_login(other_physician.user)
    assert client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM).status_code == 404


def test_pausing_needs_a_reason(client, physician, patient):
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    client.force_login(physician.user)
    url = reverse("plan_status", kwargs={"patient_pk": patient.pk})
    assert client.post(url, {"status": "paused", "reason": ""}).status_code == 200
    assert client.post(url, {"status": "paused", "reason": "Travelling"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "paused"


@pytest.mark.parametrize("revisions", [1, 15])
def test_the_plan_page_runs_the_same_queries_whatever_the_history(
    client, physician, patient, django_assert_num_queries, revisions
):
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
    for number in range(revisions):
        services.plan_revise(actor=physician.user, plan=plan, reason=f"Step {number}", dose_mg=Decimal(51 + number))
    client.force_login(physician.user)
    url = reverse("plan_detail", kwargs={"patient_pk": patient.pk})
    client.get(url)
    # session, user, MFA check, patient (+ care team), audit (chain lock, last hash, insert),
    # plan with current version and author, its versions with authors, the clinic in the footer.
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
