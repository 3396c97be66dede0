"""GET /api/v1/reviews/ is the physician's review queue (monitoring.review_selectors.review_queue): the completed and
held sessions of their own patients that nobody has signed off, oldest first, each saying whether it needs an
individual review and why, with its side effects; filtered by patient; each patient listed is audited. Clinic
admins and patients are refused (403)."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from monitoring import reviews
from tests.api.staff_data import login
from tests.factories import PatientFactory
from tests.monitoring.review_data import completed, held, in_progress, with_side_effect

pytestmark = pytest.mark.django_db


def test_the_queue_of_the_physicians_own_patients(client, clinic, patient, second_patient, physician, other_physician):
    oldest = completed(patient, days_ago=5)
    was_held = held(second_patient, days_ago=4)
    sick = with_side_effect(patient, days_ago=3)
    signed = completed(patient, days_ago=2)
    reviews.session_sign_off(actor=physician.user, session=signed)
    in_progress(patient)
    completed(PatientFactory(clinic=clinic, care_team=[other_physician]), days_ago=1)
    login(client, physician)
    response = client.get(reverse("api:review_queue"))
    queue = response.json()["results"]
    assert [session["id"] for session in queue] == [oldest.pk, was_held.pk, sick.pk]
    assert [session["remarkable"] for session in queue] == [False, True, True]
    assert queue[1]["remarkable_reasons"] == ["Held before dosing: the pre-dose safety check did not pass."]
    assert queue[2]["side_effects"] == [{"effect": "vomiting", "severity": "severe"}]
    assert {row.patient for row in AuditEvent.objects.filter(request_id=response["X-Request-ID"])} == {
        patient,
        second_patient,
    }
    assert AuditEvent.objects.filter(request_id=response["X-Request-ID"], action=AuditAction.LIST).count() == 2
    only_james = client.get(reverse("api:review_queue"), {"patient": second_patient.pk}).json()["results"]
    assert [session["id"] for session in only_james] == [was_held.pk]


@pytest.mark.parametrize("who", ["clinic_admin", "patient"])
def test_the_queue_is_for_physicians(client, request, who):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("api:review_queue")).status_code == 403
