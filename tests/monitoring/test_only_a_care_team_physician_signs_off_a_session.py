"""Only a physician on the patient's care team signs off a session: a physician of the same clinic off the care team
and one of another clinic are told the patient does not exist (404 on the page), a clinic admin and the patient are
refused (403); nothing is signed. The bulk sign-off refuses sessions of patients the physician may not see."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import reviews
from monitoring.models import ClinicalNote, SessionReview
from tests.monitoring.review_data import completed


def test_the_care_team_physician_signs_off(physician, patient):
    session = completed(patient)
    review = reviews.session_sign_off(actor=physician.user, session=session)
    assert (review.session, review.reviewed_by, review.bulk, review.note) == (session, physician.user, False, None)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("other_physician", "not_found"),
        ("outside_physician", "not_found"),
        ("clinic_admin", "forbidden"),
        ("patient", "forbidden"),
    ],
)
def test_anyone_else_is_refused_by_the_service(request, patient, who, code):
    session = completed(patient)
    person = request.getfixturevalue(who)
    with pytest.raises(DomainError) as refused:
        reviews.session_sign_off(actor=getattr(person, "user", person), session=session, note="Looks fine.")
    assert refused.value.code == code
    assert not SessionReview.objects.exists()
    assert not ClinicalNote.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_physician", 404), ("outside_physician", 404), ("clinic_admin", 403), ("patient", 403)],
)
def test_anyone_else_is_refused_by_the_page(client, request, patient, who, status):
    session = completed(patient)
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    url = reverse("session_review", kwargs={"patient_pk": patient.pk, "session_pk": session.pk})
    assert client.get(url).status_code == status
    assert client.post(url, {"note": "Looks fine."}).status_code == status
    assert not SessionReview.objects.exists()


@pytest.mark.parametrize("who", ["other_physician", "outside_physician"])
def test_the_bulk_sign_off_refuses_sessions_the_physician_may_not_see(client, request, patient, who):
    session = completed(patient)
    person = request.getfixturevalue(who)
    with pytest.raises(DomainError, match=f"session {session.pk} cannot be signed off by you"):
        reviews.sessions_sign_off_bulk(actor=person.user, session_ids=[session.pk])
    client.force_login(person.user)
    client.post(reverse("review_sign_bulk"), {"session": [session.pk]})
    assert not SessionReview.objects.exists()


def test_a_clinic_admin_cannot_bulk_sign(clinic_admin, patient):
    session = completed(patient)
    with pytest.raises(DomainError, match="Only a physician"):
        reviews.sessions_sign_off_bulk(actor=clinic_admin, session_ids=[session.pk])
    assert not SessionReview.objects.exists()
