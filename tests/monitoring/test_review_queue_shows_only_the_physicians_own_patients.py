"""The review queue lists the sessions awaiting review of the physician's own care-team patients only: never those
of a same-clinic patient they are not assigned to, nor another clinic's, nor sessions already signed off or not yet
reviewable. Clinic admins and patients have no review queue."""

from django.urls import reverse

from monitoring import reviews
from tests.factories import PatientFactory
from tests.monitoring.review_data import completed, held, in_progress


def test_the_queue_holds_the_physicians_own_patients_sessions_only(
    client, clinic, physician, other_physician, patient, outside_patient
):
    unassigned = PatientFactory(clinic=clinic, user__full_name="Nora Quinn", care_team=[other_physician])
    mine = [completed(patient, days_ago=3), held(patient, days_ago=2)]
    theirs = [completed(unassigned), completed(outside_patient)]
    signed = completed(patient, days_ago=4)
    reviews.session_sign_off(actor=physician.user, session=signed)
    in_progress(patient)

    client.force_login(physician.user)
    html = client.get(reverse("review_queue")).content.decode()
    assert [f'id="session-{session.pk}"' in html for session in mine] == [True, True]
    assert "<strong>2</strong> sessions" in html
    for session in [*theirs, signed]:
        assert f'id="session-{session.pk}"' not in html
    assert "Nora Quinn" not in html and "Lucia Garcia" not in html
    # Oldest first.
    assert html.index(f'id="session-{mine[0].pk}"') < html.index(f'id="session-{mine[1].pk}"')

    client.force_login(other_physician.user)
    html = client.get(reverse("review_queue")).content.decode()
    assert f'id="session-{theirs[0].pk}"' in html
    assert "Maya Patel" not in html


def test_clinic_admins_and_patients_have_no_review_queue(client, clinic_admin, patient):
    for user in (clinic_admin, patient.user):
        client.force_login(user)
        assert client.get(reverse("review_queue")).status_code == 403
        assert client.post(reverse("review_sign_bulk"), {"session": ["1"]}).status_code == 403
