"""The sessions download is a CSV with a header and one row per treatment session of the patient, oldest first: a
held session with its reasons in plain words, a completed one with its dose, side effects and addenda, every time in
the patient's own time zone (ISO 8601 with its offset), and a file name dated in that zone."""

import time_machine
from django.urls import reverse

from monitoring.export_selectors import SESSION_COLUMNS
from tests.monitoring.my_data_data import HELD_REASONS, at, completed, held, session_addendum, table


def test_the_sessions_csv_has_the_header_and_one_row_per_session(client, patient, physician):
    held(patient, checked_at=at(0))  # Monday 12 January, 09:00 in Chicago
    dosed = completed(patient, taken_at=at(72))  # Thursday 15 January, 09:00 in Chicago
    session_addendum(dosed, by=physician.user, at=at(96), reason="Dose confirmed", text="Pharmacy label checked.")

    # Saturday 17 January 01:00 UTC is still Friday 16 January in Chicago: the file is dated there.
    with time_machine.travel(at(106), tick=False):
        client.force_login(patient.user)
        response = client.get(reverse("my_data_sessions"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="anodyne-sessions-2026-01-16.csv"'
    header, rows = table(response)
    assert header == list(SESSION_COLUMNS)
    assert len(rows) == 2
    was_held, was_dosed = rows

    assert was_held["status"] == "held"
    assert was_held["scheduled_for"] == "2026-01-12T08:30:00-06:00"
    assert was_held["checked_at"] == "2026-01-12T09:00:00-06:00"
    assert (was_held["systolic"], was_held["diastolic"], was_held["heart_rate"]) == ("178", "99", "90")
    assert (
        was_held["remeasured_systolic"],
        was_held["remeasured_diastolic"],
        was_held["remeasured_heart_rate"],
    ) == ("172", "96", "88")
    assert was_held["pain_before"] == "7"
    assert was_held["safety_check"] == "held: do not dose"
    assert was_held["held_reasons"] == " | ".join(reason["message"] for reason in HELD_REASONS)
    assert "upper number is above 160" in was_held["held_reasons"]
    assert was_held["dose_mg"] == was_held["taken_at"] == was_held["side_effects"] == ""
    assert was_held["addenda_count"] == "0"

    assert was_dosed["status"] == "completed"
    assert was_dosed["safety_check"] == "passed"
    assert was_dosed["held_reasons"] == ""
    assert was_dosed["checked_at"] == "2026-01-15T08:50:00-06:00"
    assert (was_dosed["dose_mg"], was_dosed["route"]) == ("62.5", "sublingual")
    assert was_dosed["taken_at"] == "2026-01-15T09:00:00-06:00"
    assert (was_dosed["dissociation"], was_dosed["pain_after"]) == ("4", "3")
    assert (
        was_dosed["post_dose_systolic"],
        was_dosed["post_dose_diastolic"],
        was_dosed["post_dose_heart_rate"],
    ) == ("134", "85", "76")
    assert was_dosed["side_effects"] == "nausea: mild; headache: moderate"
    assert was_dosed["notes"] == "Felt calm afterwards."
    assert was_dosed["completed_at"] == "2026-01-15T11:00:00-06:00"
    assert was_dosed["addenda_count"] == "1"
    assert was_dosed["addenda"] == "2026-01-16T09:00:00-06:00 Elena Rivera (Dose confirmed): Pharmacy label checked."
