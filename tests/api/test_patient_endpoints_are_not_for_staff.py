"""The patient's side of the API is the signed-in patient's own: physicians and clinic admins (of the clinic or not)
get 403 on its collections and pages, and on a route that names a record the 404 any outsider gets (never a hint
that the record exists); nothing is written."""

import pytest

from tests.api.patient_api import post
from treatment.models import AdverseEvent, HelpRequest, TreatmentSession

pytestmark = pytest.mark.django_db

READS = ["/api/v1/me/preferences/", "/api/v1/plan/", "/api/v1/sessions/", "/api/v1/surveys/due/",
         "/api/v1/adverse-events/", "/api/v1/progress/"]  # fmt: skip
WRITES = ["/api/v1/sessions/", "/api/v1/adverse-events/"]
RECORD_READS = ["/api/v1/sessions/{id}/", "/api/v1/adverse-events/{id}/"]
RECORD_WRITES = ["/api/v1/sessions/{id}/complete/", "/api/v1/sessions/{id}/help/", "/api/v1/surveys/{id}/responses/"]


def _refused(response):
    assert response.status_code == 403
    assert response.json()["errors"][0] == {
        "code": "permission_denied",
        "detail": "This part of the API is not for your account.",
        "attr": None,
    }


def _not_found(response):
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.fixture(params=["physician", "clinic_admin", "outside_physician"])
def staff(request, client):
    person = request.getfixturevalue(request.param)
    client.force_login(getattr(person, "user", person))
    return person


@pytest.mark.parametrize("path", READS)
def test_staff_get_403_reading(client, staff, path):
    _refused(client.get(path))


@pytest.mark.parametrize("path", WRITES)
def test_staff_get_403_writing(client, staff, path):
    _refused(post(client, path, {"systolic": 120}))
    assert not TreatmentSession.objects.exists() and not AdverseEvent.objects.exists()


def test_staff_get_403_changing_preferences(client, staff):
    _refused(client.patch("/api/v1/me/preferences/", {"sms_enabled": True}, content_type="application/json"))


@pytest.mark.parametrize("path", RECORD_READS)
def test_staff_get_404_for_a_record_route(client, staff, path):
    _not_found(client.get(path.format(id=1)))


@pytest.mark.parametrize("path", RECORD_WRITES)
def test_staff_get_404_writing_to_a_record_route(client, staff, path):
    _not_found(post(client, path.format(id=1), {"answers": {}}))
    assert not HelpRequest.objects.exists()
