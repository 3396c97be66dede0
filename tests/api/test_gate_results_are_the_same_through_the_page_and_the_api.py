"""The API obeys exactly the gates the page obeys: for every case of one shared table (tests/api/gate_cases.py), the
same input and the same patient state give, through the session page and through POST /api/v1/sessions/, the same
session status and the same failed gates with the same plain messages — or, for implausible input, the same refusal
with nothing recorded."""

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from tests.api.gate_cases import CASES, NOW
from tests.api.patient_api import SESSIONS, post
from treatment.models import TreatmentSession

pytestmark = pytest.mark.django_db


def _new_session(patient, before: int):
    return TreatmentSession.objects.filter(patient=patient, pk__gt=before).order_by("pk").last()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_page_and_the_api_record_the_same_gate_result(client, patient, second_patient, physician, clinic_admin,
                                                          case):  # fmt: skip
    # Maya goes through the page, James through the API: the same state, the same instant, the same input.
    with time_machine.travel(NOW, tick=False):
        case.state(patient, physician, clinic_admin)
        case.state(second_patient, physician, clinic_admin)
        before = TreatmentSession.objects.order_by("pk").values_list("pk", flat=True).last() or 0
        client.force_login(patient.user)
        page = client.post(reverse("session_new"), case.form)
        client.force_login(second_patient.user)
        api = post(client, SESSIONS, case.body)
    by_page, by_api = _new_session(patient, before), _new_session(second_patient, before)

    if case.expected is None:
        assert page.status_code == 200 and by_page is None  # the form again, with the refusal
        assert api.status_code == 400 and by_api is None
        html = page.content.decode()
        for error in api.json()["errors"]:
            assert escape(error["detail"]) in html  # the same words on the page
        return

    status, codes = case.expected
    assert page.status_code == 302 and page["Location"] == reverse("session_detail", kwargs={"session_pk": by_page.pk})
    assert api.status_code == 201, api.json()
    body = api.json()
    assert (by_page.status, by_api.status, body["gate"]["status"], body["session"]["status"]) == (status,) * 4
    assert [failure["code"] for failure in by_page.gate_failures] == list(codes)
    assert body["gate"]["reasons"] == by_page.gate_failures == by_api.gate_failures
    assert body["session"]["gate_failures"] == by_page.gate_failures
    assert body["gate"]["passed"] is (status == "in_progress")
    assert body["gate"]["notes"] == by_page.gate_notes
    # What the page shows the patient is those same messages.
    client.force_login(patient.user)
    detail = client.get(reverse("session_detail", kwargs={"session_pk": by_page.pk})).content.decode()
    for failure in body["gate"]["reasons"]:
        assert escape(failure["message"]) in detail
    assert body["gate"]["severe_hypertension"] is by_page.severe_hypertension
    if by_page.severe_hypertension:
        assert "Call 911 now" in body["gate"]["emergency_instructions"]
    if "interval" in codes:
        assert body["gate"]["next_allowed_at"] is not None
