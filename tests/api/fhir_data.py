"""A demo patient with a full history for the FHIR export tests: Maya's dashboard history (tests/monitoring/
dashboard_data.maya_history: sessions completed, held, missed, cancelled and scheduled, PEG-3 and NRS responses,
opioids, an open alert), a plan with two revisions, a session under the plan with every reading (a second pre-dose
reading, readings after the dose, dissociation), a response to each instrument (PHQ-9 with item 9 answered), and two
adverse events, one about the fully recorded session."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from monitoring.models import SurveyResponse
from tests.monitoring.dashboard_data import maya_history
from tests.monitoring.review_data import completed, held
from tests.monitoring.survey_data import answer, bladder, gad7, peg3, phq9
from tests.treatment.plan_data import PLAN
from tests.treatment.record_data import reported_adverse_event
from treatment import services
from treatment.models import SessionSideEffect, SessionStatus, TreatmentSession

ANSWERS = {
    "nrs": {"pain": 5},
    "peg3": peg3(6, 5, 4),
    "phq9": phq9(q9=1, each=1),
    "gad7": gad7(each=2),
    "pgic": {"change": 2},
    "bladder": bladder(q1=1, q2=1, q3=2, q4=0),
}


def full_history(patient, physician):
    """Everything above, written through the services where they exist. Returns the fully recorded session."""
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    services.plan_revise(actor=physician.user, plan=plan, reason="Tolerated well; pain still 6/10.", dose_mg="75")
    maya_history(patient, physician)
    plan.refresh_from_db()
    session = completed(
        patient,
        days_ago=2,
        plan=plan,
        plan_version=plan.current_version,
        systolic=166,
        diastolic=92,
        heart_rate=84,
        remeasured_systolic=152,
        remeasured_diastolic=86,
        remeasured_heart_rate=78,
        dose_mg=Decimal(75),
        route="sublingual",
        dissociation=6,
        post_systolic=138,
        post_diastolic=84,
        post_heart_rate=76,
    )
    SessionSideEffect.objects.create(session=session, effect="nausea", severity="mild")
    held(patient, days_ago=1)
    for number, (code, answers) in enumerate(ANSWERS.items()):
        answer(patient, code, answers, at=timezone.now() - dt.timedelta(hours=10 - number))
    reported_adverse_event(patient, severity="life_threatening", description="Fainted after the dose.", session=session)
    reported_adverse_event(patient, severity="mild", description="Headache the next morning.", ongoing=False)
    services.plan_revise(actor=physician.user, plan=plan, reason="Away for two weeks.", status="paused")
    return session


def counts(patient) -> dict[str, int]:
    """How many of each record the export should carry."""
    return {
        "plan_versions": 3,
        "completed_sessions": TreatmentSession.objects.filter(patient=patient, status=SessionStatus.COMPLETED).count(),
        "survey_responses": SurveyResponse.objects.filter(patient=patient).count(),
        "adverse_events": 2,
    }
