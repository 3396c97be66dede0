"""The post-dose entry: recorded as reported, completed once, and what the care team must hear is sent."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from anodyne.errors import DomainError
from tests.treatment.session_data import good_check
from treatment import events, services
from treatment.models import SessionStatus


@pytest.fixture
def in_progress(ready_patient):
    return services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check()
    ).session


def log(session, **changes):
    entry = {
        "dose_mg": Decimal(50),
        "route": "sublingual",
        "taken_at": timezone.now(),
        "dissociation": 4,
        "pain_after": 3,
    } | changes
    return services.session_log_dose(actor=session.patient.user, session=session, **entry)


def test_the_dose_entry_completes_the_session(in_progress):
    session = log(in_progress, side_effects={"nausea": "mild"}, notes="Felt calm")
    assert (session.status, session.dose_mg, session.pain_after) == (SessionStatus.COMPLETED, Decimal(50), 3)
    assert [(e.effect, e.severity) for e in session.side_effects.all()] == [("nausea", "mild")]


def test_a_dose_above_the_plans_maximum_is_recorded_as_reported_and_reported(in_progress):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    events.dose_above_plan.connect(receiver, weak=False)
    try:
        session = log(in_progress, dose_mg=Decimal(150))
    finally:
        events.dose_above_plan.disconnect(receiver)
    assert session.dose_mg == Decimal(150)
    assert received[0]["maximum_mg"] == Decimal(100)


def test_a_high_dissociation_marks_the_session_for_review(in_progress):
    assert log(in_progress, dissociation=8).needs_review


def test_a_completed_session_takes_no_second_entry(in_progress):
    log(in_progress)
    with pytest.raises(DomainError, match="completed"):
        log(in_progress, dose_mg=Decimal(60))
    in_progress.refresh_from_db()
    assert in_progress.dose_mg == Decimal(50)


def test_a_held_session_takes_no_dose_entry(ready_patient):
    held = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=175)
    ).session
    with pytest.raises(DomainError, match="held"):
        log(held)


def test_a_time_in_the_future_is_refused(in_progress):
    with pytest.raises(DomainError, match="future"):
        log(in_progress, taken_at=timezone.now() + timedelta(hours=1))
    in_progress.refresh_from_db()
    assert in_progress.status == SessionStatus.IN_PROGRESS


def test_another_patient_cannot_log_the_dose(in_progress, second_patient):
    with pytest.raises(DomainError, match="Only the patient"):
        services.session_log_dose(
            actor=second_patient.user, session=in_progress, dose_mg=Decimal(50), route="sublingual",
            taken_at=timezone.now(), dissociation=3, pain_after=3,
        )  # fmt: skip
