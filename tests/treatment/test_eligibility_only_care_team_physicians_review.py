"""Only a physician on the patient's care team reviews a screen or asks for a re-screen: a physician off the care team,
the clinic admin, the patient and another clinic are refused by the service (those who may not see the patient as
if it did not exist); on the page, anyone who may not see the patient gets a 404, and the clinic admin reads but
cannot post."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen, review_form
from treatment import eligibility_services
from treatment.models import EligibilityReview, EligibilityScreen, EligibilityStatus


@pytest.fixture
def screen(clinic, physician):
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)
    return answered_screen(patient, "liver")


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("other_physician", "not_found"),  # may not see the patient (accounts.care_team)
        ("outside_physician", "not_found"),
        ("clinic_admin", "forbidden"),  # may see the patient, told who reviews
        ("patient_self", "forbidden"),
    ],
)
def test_the_service_refuses_anyone_but_a_care_team_physician(request, screen, who, code):
    actor = screen.patient.user if who == "patient_self" else request.getfixturevalue(who)
    actor = getattr(actor, "user", actor)
    with pytest.raises(DomainError) as refused:
        eligibility_services.eligibility_review(
            actor=actor, screen=screen, item="liver", decision="proceed", note="Looks fine."
        )
    assert refused.value.code == code
    with pytest.raises(DomainError) as refused:
        eligibility_services.eligibility_rescreen_request(actor=actor, patient=screen.patient, reason="Yearly")
    assert refused.value.code == code
    assert not EligibilityReview.objects.exists()
    assert EligibilityScreen.objects.filter(patient=screen.patient).count() == 1


@pytest.mark.parametrize("who", ["other_physician", "outside_physician", "outside_patient"])
def test_the_page_is_a_404_to_anyone_who_may_not_see_the_patient(client, request, screen, who):
    person = request.getfixturevalue(who)
    client.force_login(person.user)
    url = reverse("eligibility_review", kwargs={"patient_pk": screen.patient_id})
    assert client.get(url).status_code == 404
    assert client.post(url, review_form("liver", screen)).status_code == 404
    assert not EligibilityReview.objects.exists()


def test_the_clinic_admin_reads_the_page_without_forms_and_cannot_post(client, clinic_admin, screen):
    client.force_login(clinic_admin)
    url = reverse("eligibility_review", kwargs={"patient_pk": screen.patient_id})
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Liver disease" in body
    assert 'name="action"' not in body
    assert client.post(url, review_form("liver", screen)).status_code == 403
    assert client.post(url, {"action": "rescreen", "rescreen-reason": "Yearly"}).status_code == 403
    assert not EligibilityReview.objects.exists()
    screen.refresh_from_db()
    assert screen.status == EligibilityStatus.NEEDS_REVIEW


def test_the_patient_is_refused_the_care_teams_page(client, screen):
    client.force_login(screen.patient.user)
    assert client.get(reverse("eligibility_review", kwargs={"patient_pk": screen.patient_id})).status_code == 403


def test_a_care_team_physician_reviews_on_the_page(client, physician, screen):
    client.force_login(physician.user)
    url = reverse("eligibility_review", kwargs={"patient_pk": screen.patient_id})
    response = client.post(url, review_form("liver", screen, note="Liver tests normal last month."))
    assert response.status_code == 302
    review = EligibilityReview.objects.get()
    assert (review.item, review.decision, review.reviewed_by) == ("liver", "proceed", physician.user)
    screen.refresh_from_db()
    assert screen.status == EligibilityStatus.CLEARED
