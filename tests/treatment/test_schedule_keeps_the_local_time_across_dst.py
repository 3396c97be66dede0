"""A session at 18:00 stays at 18:00 on the patient's clock across a DST change (America/New_York)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from treatment import services
from treatment.models import TreatmentSession

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("now", "expected_utc"),
    [
        # Fall back on Sunday 2026-11-01: Thursday 29 Oct is EDT (UTC-4), Monday 2 Nov is EST (UTC-5).
        (datetime(2026, 10, 28, 12, tzinfo=UTC), [(10, 29, 22), (11, 2, 23)]),
        # Spring forward on Sunday 2026-03-08: Thursday 5 March is EST, Monday 9 March is EDT.
        (datetime(2026, 3, 4, 12, tzinfo=UTC), [(3, 5, 23), (3, 9, 22)]),
    ],
)
def test_eighteen_hundred_local_on_both_sides_of_the_change(patient, plan, now, expected_utc):
    patient.time_zone = "America/New_York"
    patient.save(update_fields=["time_zone"])
    services.session_schedule_upcoming(patient=patient, now=now, days_ahead=6)
    times = list(TreatmentSession.objects.order_by("scheduled_for").values_list("scheduled_for", flat=True))
    assert [(at.month, at.day, at.astimezone(UTC).hour) for at in times] == expected_utc
    assert {at.astimezone(NEW_YORK).strftime("%H:%M") for at in times} == {"18:00"}
