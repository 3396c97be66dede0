"""`seed_demo --days D` gives every demo patient a signed consent, a plan and D days of history, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from monitoring.models import Alert
from treatment.models import ConsentSignature, SessionStatus, TreatmentPlan, TreatmentSession


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--patients", "3", "--days", "42", stdout=StringIO())


def test_every_demo_patient_has_signed_the_consent_and_has_an_active_plan(seeded):
    assert ConsentSignature.objects.count() == 3
    assert TreatmentPlan.objects.filter(status="active").count() == 3


def test_the_history_is_mostly_completed_sessions_on_the_plans_days(seeded):
    completed = TreatmentSession.objects.filter(status=SessionStatus.COMPLETED)
    assert completed.count() >= 3 * 9  # two a week for six weeks, less the few held or missed
    for session in completed.select_related("plan__current_version")[:20]:
        assert session.dose_mg and session.taken_at and session.pain_after is not None
    assert TreatmentSession.objects.filter(status=SessionStatus.SCHEDULED).exists()  # the coming two weeks


def test_held_sessions_of_the_last_two_weeks_are_alerts_for_the_care_team(seeded):
    recent_held = TreatmentSession.objects.filter(status=SessionStatus.HELD).count()
    assert Alert.objects.filter(kind="dose_held").count() <= recent_held


def test_running_it_again_adds_no_history(seeded):
    before = TreatmentSession.objects.count()
    call_command("seed_demo", "--patients", "3", "--days", "42", stdout=StringIO())
    assert TreatmentSession.objects.count() == before
