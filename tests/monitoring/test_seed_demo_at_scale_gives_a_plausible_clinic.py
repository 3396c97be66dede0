"""`seed_demo --patients 30 --days 40`: beyond the twelve patients of the small demo, a further physician takes the
next block of patients; every patient has a plan, sessions, surveys with a baseline, and the open alerts are about
recent events only. Running it again adds nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import CareTeamMembership, Patient, Physician
from monitoring.models import Alert, AlertStatus, ClinicalNote, OpioidMedicine, SessionReview, SurveyResponse
from monitoring.outcomes import annotate_outcomes
from treatment.demo import ALERT_WINDOW
from treatment.models import ConsentSignature, SessionStatus, TreatmentPlan, TreatmentSession


def seed():
    out = StringIO()
    call_command("seed_demo", "--patients", "30", "--days", "40", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    output = seed()
    return timezone.now(), output


def test_the_demo_physicians_keep_their_patients_and_a_third_takes_the_rest(seeded):
    _, output = seeded
    rosters = Counter(CareTeamMembership.objects.values_list("physician__user__email", flat=True))
    assert rosters == {
        "dr.rivera@sunrise.example": 8,
        "dr.okafor@sunrise.example": 8,
        "dr.chen@sunrise.example": 18,
    }
    assert Physician.objects.count() == 3
    assert "dr.chen@sunrise.example  (18 patients)" in output
    assert "History: 30 patients, 40 days each" in output


def test_every_patient_has_consent_a_plan_sessions_and_a_pain_baseline(seeded):
    assert Patient.objects.count() == 30
    assert ConsentSignature.objects.count() == 30
    assert TreatmentPlan.objects.filter(status="active").count() == 30
    completed = Counter(
        TreatmentSession.objects.filter(status=SessionStatus.COMPLETED).values_list("patient_id", flat=True)
    )
    assert len(completed) == 30 and min(completed.values()) >= 6  # two a week for under six weeks, less a few
    outcomes = annotate_outcomes(Patient.objects.all())
    assert all(p.outcome_instrument == "peg3" and p.outcome_baseline is not None for p in outcomes)
    codes = set(SurveyResponse.objects.values_list("instrument__code", flat=True))
    assert codes == {"nrs", "peg3", "phq9", "gad7", "bladder", "pgic"}
    assert OpioidMedicine.objects.exists()


def test_open_alerts_are_about_recent_events_and_the_old_ones_were_resolved(seeded):
    now, _ = seeded
    open_alerts = Alert.objects.exclude(status=AlertStatus.RESOLVED)
    assert open_alerts.exists()
    for alert in open_alerts.filter(cause__startswith="session:"):
        session = TreatmentSession.objects.get(pk=alert.cause.removeprefix("session:"))
        assert session.checked_at >= now - ALERT_WINDOW
    resolved = Alert.objects.filter(status=AlertStatus.RESOLVED)
    assert resolved.exists()
    care_teams = set(CareTeamMembership.objects.values_list("patient_id", "physician__user_id"))
    for alert in resolved:
        assert (alert.patient_id, alert.resolved_by_id) in care_teams
        assert alert.first_raised_at < now - ALERT_WINDOW  # raised back then, not by the seed
        assert alert.first_raised_at <= alert.acknowledged_at <= alert.resolved_at <= now


def test_running_it_again_adds_nothing(seeded):
    counts = [
        model.objects.count()
        for model in (TreatmentSession, SurveyResponse, SessionReview, ClinicalNote, Alert, OpioidMedicine)
    ]
    seed()
    again = [
        model.objects.count()
        for model in (TreatmentSession, SurveyResponse, SessionReview, ClinicalNote, Alert, OpioidMedicine)
    ]
    assert again == counts
