"""Through the plan pages, activating a plan for a patient who is not cleared shows the plain reason and changes
nothing (the plan service decides: treatment.services._write_version)."""

import html

from django.urls import reverse

from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from tests.treatment.plan_data import PLAN
from tests.treatment.test_plan_pages import FORM
from treatment import services
from treatment.models import PlanStatus, PlanVersion, TreatmentPlan

NEEDS_REVIEW = "Maya Patel is not cleared for treatment yet: their eligibility screen needs a physician's review."


def test_writing_an_active_plan_on_the_page_shows_why_and_saves_nothing(client, clinic, physician):
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)
    answered_screen(patient, "cardiac", "bladder")
    client.force_login(physician.user)

    response = client.post(reverse("plan_edit", kwargs={"patient_pk": patient.pk}), FORM)

    assert response.status_code == 200
    assert NEEDS_REVIEW in html.unescape(response.content.decode())
    assert not TreatmentPlan.objects.filter(patient=patient).exists()
    assert not PlanVersion.objects.filter(plan__patient=patient).exists()


def test_resuming_on_the_status_page_shows_why_and_the_plan_stays_paused(client, clinic, physician):
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)
    answered_screen(patient, "glaucoma")
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Prepared", status="paused", **PLAN)
    client.force_login(physician.user)

    response = client.post(
        reverse("plan_status", kwargs={"patient_pk": patient.pk}), {"status": "active", "reason": "Ready to start"}
    )

    assert response.status_code == 200
    assert NEEDS_REVIEW in html.unescape(response.content.decode())
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PAUSED
    assert plan.versions.count() == 1
