"""Each roster column of the dashboard shows the figure CLINICAL.md defines, for a patient with a known history
(tests/monitoring/dashboard_data.py)."""

import time_machine
from django.urls import reverse

from tests.monitoring.dashboard_data import NOW, maya_history


def _row(client, patient):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    (row,) = [row for row in response.context["page"].object_list if row.patient.pk == patient.pk]
    return row, response.content.decode()


def test_the_roster_row_carries_every_column(client, physician, patient, second_patient):
    maya_history(patient, physician)
    client.force_login(physician.user)
    row, body = _row(client, patient)
    maya = row.patient
    assert (maya.latest_peg, maya.latest_nrs) == (4, 3)
    assert maya.outcome_change_percent == 50
    assert (row.responder, row.responder_week) == ("moderate", 4)
    assert (maya.adherence_completed, maya.adherence_scheduled, maya.adherence_percent) == (2, 4, 50)
    assert maya.last_session_status == "held"
    assert maya.awaiting_review == 4
    assert maya.mme_change == -15
    assert (maya.open_alert_count, row.severity) == (1, "high")
    assert row.sparkline["path"].startswith("M ")
    assert row.sparkline["label"] == "PEG-3 over the last 90 days: 3 scores, from 8 to 4 out of 10"
    # As printed.
    assert "50 % better" in body
    assert "≥ 30 %" in body and "week 4" in body
    assert "2 of 4" in body
    assert "\u221215" in body and "30 → 15 mg/day" in body


def test_a_patient_without_history_shows_plain_dashes(client, physician, patient):
    client.force_login(physician.user)
    row, body = _row(client, patient)
    assert row.patient.latest_peg is None and row.patient.outcome_change_percent is None
    assert row.responder is None and row.sparkline is None
    assert row.patient.adherence_percent is None and row.patient.awaiting_review == 0
    assert "none scheduled" in body and "no scores" in body and "not yet" in body


def test_the_sessions_awaiting_review_are_summed_over_the_roster(client, physician, patient, second_patient):
    maya_history(patient, physician)
    client.force_login(physician.user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("dashboard"))
    assert response.context["roster"].awaiting_review == 4
    assert "4 sessions await your review" in response.content.decode()
