"""A physician of the patient's care team acknowledges an alert and resolves it with a note through the API, as on
the pages (monitoring.services). A clinic admin may read the alert but is refused the action (403); a physician off
the care team is told there is no such alert (404); a resolve without a note changes nothing; an alert already
resolved answers 409."""

import pytest
from django.urls import reverse

from monitoring.models import AlertStatus
from tests.api.staff_data import alert_of, login, write

pytestmark = pytest.mark.django_db


def _ack(client, alert):
    return write(client, "post", reverse("api:alert_acknowledge", kwargs={"alert_pk": alert.pk}))


def _resolve(client, alert, note):
    return write(client, "post", reverse("api:alert_resolve", kwargs={"alert_pk": alert.pk}), {"note": note})


def test_the_care_team_physician_acknowledges_then_resolves_with_a_note(client, patient, physician):
    alert = alert_of(patient)
    login(client, physician)
    response = _ack(client, alert)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == AlertStatus.ACKNOWLEDGED
    assert body["acknowledged_by"] == {"id": physician.user_id, "full_name": "Elena Rivera"}

    response = _resolve(client, alert, "Rechecked by phone: 132/84. Continue the plan.")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["resolution_note"]) == (
        AlertStatus.RESOLVED,
        "Rechecked by phone: 132/84. Continue the plan.",
    )
    assert [step["what"] for step in body["history"]] == ["raised", "acknowledged", "resolved"]
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED and alert.resolved_by == physician.user


def test_an_open_alert_may_be_resolved_directly(client, patient, physician):
    alert = alert_of(patient)
    login(client, physician)
    assert _resolve(client, alert, "Seen at the clinic today.").status_code == 200
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == (AlertStatus.RESOLVED, physician.user)


def test_a_resolve_without_a_note_changes_nothing(client, patient, physician):
    alert = alert_of(patient)
    login(client, physician)
    response = _resolve(client, alert, "   ")
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "Write a note saying how the alert was resolved."
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_a_clinic_admin_reads_the_alert_but_may_not_act_on_it(client, patient, clinic_admin):
    alert = alert_of(patient)
    login(client, clinic_admin)
    assert client.get(reverse("api:alert_detail", kwargs={"alert_pk": alert.pk})).status_code == 200
    for response in (_ack(client, alert), _resolve(client, alert, "Done.")):
        assert response.status_code == 403
        assert "Clinic admins cannot" in response.json()["errors"][0]["detail"]
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_a_physician_off_the_care_team_is_told_there_is_no_such_alert(client, patient, other_physician):
    alert = alert_of(patient)
    login(client, other_physician)
    assert _ack(client, alert).status_code == 404
    assert _resolve(client, alert, "Done.").status_code == 404
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_acting_on_a_resolved_alert_is_a_conflict(client, patient, physician):
    alert = alert_of(patient)
    login(client, physician)
    _resolve(client, alert, "Done.")
    response = _ack(client, alert)
    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"] == "This alert is already resolved."
