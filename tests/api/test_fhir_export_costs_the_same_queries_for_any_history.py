"""The FHIR export reads one query per record type — plan versions, sessions, survey responses, adverse events —
whatever the length of the patient's history."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.api.fhir_data import full_history
from tests.api.staff_data import login
from tests.monitoring.review_data import completed
from tests.monitoring.survey_data import answer, gad7, phq9
from tests.treatment.record_data import reported_adverse_event
from treatment import services


def _export(client, patient):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("api:patient_fhir", kwargs={"patient_pk": patient.pk}))
    assert response.status_code == 200
    return len(queries.captured_queries), len(response.json()["entry"])


def test_the_export_costs_the_same_queries_for_a_short_and_a_long_history(client, patient, physician):
    full_history(patient, physician)
    login(client, physician)
    _export(client, patient)  # the session's first request starts its clock (one more write)
    # The session; the physician; their authenticator, twice (the staff middleware, then the API's permission); the
    # patient, if visible (with their
    # user); the plan versions with their plans and authors; the sessions (side effects and addenda in the same
    # query); the survey responses with their instruments; the adverse events with who reported them and their
    # session; the EXPORT audit row (chain lock, last hash, insert).
    small, entries = _export(client, patient)

    plan = patient.treatment_plans.get()
    for number in range(30):
        completed(patient, days_ago=3 + number, dose_mg=60, plan=plan, plan_version=plan.current_version)
        answer(patient, "phq9", phq9(each=1), at=timezone.now() - dt.timedelta(days=3 + number))
        answer(patient, "gad7", gad7(each=1), at=timezone.now() - dt.timedelta(days=3 + number, hours=1))
    for number in range(10):
        reported_adverse_event(patient, severity="mild", description=f"Headache {number}.")
        services.plan_revise(actor=physician.user, plan=plan, reason=f"Change {number}", dose_mg=str(60 + number))
    assert small == 12
    large, more_entries = _export(client, patient)
    assert more_entries > entries + 100
    assert large == small
