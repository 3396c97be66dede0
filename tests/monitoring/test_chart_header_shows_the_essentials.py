"""The chart opens with the essentials: who the patient is (age, condition, status, time zone, care team), the plan
in force (status, route, dose, maximum single dose, sessions a week, minimum hours, blood-pressure limits, review
date), the expected units on hand, the unresolved alerts by severity, the sessions awaiting review, the latest pain
score with its change from baseline and IMMPACT responder status, and the daily MME now."""

from decimal import Decimal

import time_machine
from django.urls import reverse

from tests.monitoring.chart_data import chart_history, day
from tests.monitoring.outcome_data import response
from tests.monitoring.survey_data import completed_session
from treatment import selectors as treatment_selectors


def test_the_essentials(client, patient, physician):
    chart_history(patient, physician, count=4)  # plan version 4: 53 mg; 3 completed sessions of 50 mg, 1 held
    response(patient, "peg3", "8.0", day(-2))  # the baseline: before the first completed session
    response(patient, "peg3", "3.5", day(30))  # week 4 (days 22-35): 56 % lower
    completed_session(patient, taken_at=day(31))  # not signed off; its 50 mg dose is one more troche taken
    client.force_login(physician.user)
    with time_machine.travel(day(32), tick=False):
        page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
        age = patient.age_on(day(32).date())

    assert f"<dt>Age</dt><dd>{age}</dd>" in page
    assert "Complex regional pain syndrome (CRPS)" in page
    assert 'status-active">Active</span>' in page
    assert "<dt>Time zone</dt><dd>America/Chicago</dd>" in page
    assert "<dt>Care team</dt><dd>Dr. Elena Rivera</dd>" in page
    # The plan in force.
    assert "(version 4)" in page
    assert "<dt>Route</dt><dd>Sublingual</dd>" in page
    assert "<dt>Dose per session</dt><dd>53 mg</dd>" in page
    assert "<dt>Maximum single dose</dt><dd>100 mg</dd>" in page
    assert "<dt>Sessions per week</dt><dd>2</dd>" in page
    assert "<dt>Minimum between doses</dt><dd>72 hours</dd>" in page
    assert "above 160/90 mmHg" in page
    assert "<dt>Review by</dt><dd>1 Mar 2027</dd>" in page
    # 40 troches of 50 mg dispensed, four 50 mg doses taken: 36 left, 36 / (53 / 50 x 2 / 7) = 118.87 days, shown
    # rounded down as the refill offer shows it (treatment.supply.days_to_show): never longer than it lasts.
    assert "36 units of 50 mg, about 118.8 days at the plan" in page
    # The dispense log's overview reads the same days the same way (it rounded 118.87 to 118.9 once).
    assert treatment_selectors.supply_overview(patient).days_left == Decimal("118.8")
    # Unresolved alerts: each day's dose-held alert (high) and adverse-event alert (medium); one session awaits review.
    assert "8 unresolved" in page
    assert "4 High" in page and "4 Medium" in page
    assert "?kind=alert&amp;date_from=#timeline" in page
    assert '>1<span class="visually-hidden"> session awaiting review' in page
    # Pain: PEG-3 from a baseline of 8.0 to 3.5, a substantial improvement at week 4.
    assert "<dt>Latest PEG-3</dt><dd>3.5 of 10" in page
    assert "(baseline 8)" in page
    assert "56.3 % lower" in page
    assert "substantial improvement" in page
    # Oxycodone 10 mg three times a day: 45 MME/day.
    assert "<dt>Daily MME now</dt><dd>45 MME/day</dd>" in page


def test_a_patient_with_nothing_recorded_yet(client, patient, physician):
    client.force_login(physician.user)
    page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "No plan in force" in page
    assert "nothing dispensed yet" in page
    assert "none unresolved" in page
    assert "no pain score yet" in page
    assert "<dt>Daily MME now</dt><dd>0 MME/day</dd>" in page
    assert "Nothing of the kinds shown in these dates." in page


def test_links_to_the_patients_other_pages(client, patient, physician, clinic_admin):
    client.force_login(physician.user)
    page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    for name in (
        "plan_detail",
        "dispense_log",
        "patient_sessions",
        "patient_progress",
        "patient_medicines",
        "adverse_event_list",
        "clinical_notes",
        "clinical_note_new",
    ):
        assert f'href="{reverse(name, kwargs={"patient_pk": patient.pk})}"' in page, name
    # A clinic admin reads; writing a note is the care team's.
    client.force_login(clinic_admin)
    page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    assert reverse("clinical_notes", kwargs={"patient_pk": patient.pk}) in page
    assert reverse("clinical_note_new", kwargs={"patient_pk": patient.pk}) not in page
