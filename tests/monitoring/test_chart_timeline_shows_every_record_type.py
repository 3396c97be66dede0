"""The chart's timeline shows every kind of record about the patient, newest first: sessions (held ones with the
safety check's reasons in the words the patient read, the readings the check judged, dose, pain before and after,
who signed them off or that they await review), survey responses (instrument, total, band, flags), adverse events,
alerts (kind, severity, status), plan versions (number, reason, author, what changed), signed clinical notes with
their addenda count, the viewer's own drafts, and session sign-offs."""

import datetime as dt

import time_machine
from django.urls import reverse

from monitoring import notes, services
from tests.monitoring.chart_data import HELD_MESSAGE, chart_history, day
from tests.monitoring.outcome_data import response
from tests.monitoring.survey_data import completed_session


def test_every_record_type_is_in_the_timeline(client, patient, physician):
    chart_history(patient, physician, count=4)
    unsigned = completed_session(patient, taken_at=day(4))
    flagged = response(patient, "phq9", 14, day(4, 12), band="moderate", flags=["suicidality"])
    with time_machine.travel(day(4, 16), tick=False):
        signed = notes.clinical_note_write(actor=physician.user, patient=patient, text="Call on Friday.", sign=True)
        notes.clinical_note_addendum_add(actor=physician.user, note=signed, text="Called: all well.")
        draft = notes.clinical_note_write(actor=physician.user, patient=patient, text="Thinking about a taper.")
    client.force_login(physician.user)
    with time_machine.travel(day(5), tick=False):
        page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()

    # Sessions: held, with the reason the patient was given and the reading judged; completed, with dose and pain;
    # signed off, or awaiting review with the way to review it.
    assert "Held before dosing: the safety check did not pass." in page
    assert HELD_MESSAGE in page
    assert "BP 172/96 mmHg, heart rate 80/min" in page
    assert "50 mg sublingual" in page
    assert "7 before → 3 after" in page
    assert "Signed off by Elena Rivera" in page
    assert "Awaiting review" in page
    review_url = reverse("session_review", kwargs={"patient_pk": patient.pk, "session_pk": unsigned.pk})
    assert f'href="{review_url}">Review and sign off' in page
    # Survey responses: instrument, total, band in words, flags in words.
    assert f'id="survey-{flagged.pk}"' in page
    assert "Patient Health Questionnaire-9 (PHQ-9)" in page
    assert "14 · Moderate" in page
    assert "Item 9 (thoughts of being better off dead or of self-harm) &gt; 0." in page
    # Adverse events and the alerts they raised; the alerts about sessions.
    assert "Dizzy on day 2." in page
    assert "Adverse event alert" in page and "Dose held alert" in page
    assert "Open</span>, not yet acknowledged" in page
    # Plan versions: number, reason, author and what changed.
    assert "Plan version 3" in page and "Titration step 2" in page
    assert "What changed in version 3" in page
    changed = page.split("What changed in version 3</caption>", 1)[1].split("</table>", 1)[0]
    assert changed.count('<th scope="row">') == 1  # the dose alone: unchanged fields are not listed
    assert "<td>51.0</td><td>52.0</td>" in changed
    # Clinical notes: signed ones with their addenda, the viewer's own draft; session sign-offs.
    assert "Call on Friday." in page and "and its 1 addendum" in page
    assert "Thinking about a taper." in page and "only you see this draft" in page
    assert reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": draft.pk}) in page
    assert "Session signed off" in page
    # Every kind of entry is there.
    for kind in ("session", "survey", "adverse_event", "alert", "plan", "note", "sign_off"):
        assert f'class="card timeline-entry timeline-{kind}"' in page


def test_newest_first(client, patient, physician):
    chart_history(patient, physician, count=2)
    client.force_login(physician.user)
    with time_machine.travel(day(5), tick=False):
        page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    stamps = [
        dt.datetime.fromisoformat(part.split('"', 1)[0])
        for part in page.split('<p class="timeline-when"><time datetime="')[1:]
    ]
    assert len(stamps) == 16
    assert stamps == sorted(stamps, reverse=True)


def test_an_alert_shows_who_acknowledged_and_resolved_it(client, patient, physician, open_alert):
    services.alert_resolve(actor=physician.user, alert=open_alert, note="Spoke to Maya; re-check on Monday.")
    client.force_login(physician.user)
    page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    assert "Resolved</span> by Elena Rivera" in page
    assert "Spoke to Maya; re-check on Monday." in page
