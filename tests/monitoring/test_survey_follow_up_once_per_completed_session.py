"""CLINICAL.md section 1: a follow-up pain NRS 24 h after each completed session, expiring 24 h later — created once
per session, however often treatment's session_completed event arrives."""

import datetime as dt

from monitoring.models import SurveyAssignment, SurveyReason
from treatment import events
from treatment.models import TreatmentSession

COMPLETED = dt.datetime(2026, 3, 2, 20, 0, tzinfo=dt.UTC)


def test_the_follow_up_is_created_once_per_session(patient):
    for _ in range(2):
        events.session_completed.send(sender=TreatmentSession, patient=patient, session_id=41, completed_at=COMPLETED)
    events.session_completed.send(sender=TreatmentSession, patient=patient, session_id=42, completed_at=COMPLETED)

    follow_ups = SurveyAssignment.objects.filter(patient=patient, reason=SurveyReason.FOLLOW_UP).order_by("slot")
    assert [(a.instrument.code, a.slot, a.session_id) for a in follow_ups] == [
        ("nrs", "session:41", 41),
        ("nrs", "session:42", 42),
    ]
    first = follow_ups[0]
    assert first.due_at == COMPLETED + dt.timedelta(hours=24)
    assert first.expires_at == COMPLETED + dt.timedelta(hours=48)
