"""The session review page shows the session in full — the pre-dose check and its gate result in plain words, the
readings, the dose against the plan, side effects, pain before and after, dissociation, the patient's notes, the
addenda, the alerts about it — and signs it off, with an optional note that becomes a signed clinical note on the
session. Then it goes on to `next` (a path of this site only), else the next session awaiting review, else the
queue. A signed-off session shows who signed it and offers no second sign-off."""

from django.urls import reverse

from monitoring.models import ClinicalNote, SessionReview
from tests.monitoring.review_data import alert_about, held, with_side_effect
from treatment import services as treatment_services


def _url(session, **query):
    url = reverse("session_review", kwargs={"patient_pk": session.patient_id, "session_pk": session.pk})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_the_page_shows_the_session_in_full(client, physician, patient):
    session = with_side_effect(patient, severity="severe", effect="vomiting", dissociation=6)
    treatment_services.addendum_add(
        actor=patient.user, record=session, reason="Forgot to say", text="I also felt dizzy."
    )
    alert_about(session)
    client.force_login(physician.user)
    html = client.get(_url(session)).content.decode()
    for shown in (
        "Why this session needs an individual review",
        "A severe side effect was reported.",
        "An alert was raised about this session.",
        "Sitter present</dt><dd>yes (Sam)",
        "128/82 mmHg",
        "6 out of 10 at the peak",
        "6 before → 3 after",
        'Vomiting: <span class="side-effect-severe">severe</span>',
        "Felt calm afterwards.",
        "I also felt dizzy.",
        "About this session.",
        "Passed.",
        "Sign off this session",
    ):
        assert shown in html, shown


def test_a_held_session_shows_its_gate_result(client, physician, patient):
    session = held(patient)
    client.force_login(physician.user)
    html = client.get(_url(session)).content.decode()
    assert "Held: the patient was told not to dose" in html
    assert "Your blood pressure, 172/96, is above your plan&#x27;s limit of 160/90." in html
    assert "No dose: the session was held before dosing." in html


def test_signing_with_a_note_writes_a_signed_note_and_goes_to_the_next_session(client, physician, patient):
    first, second = held(patient, days_ago=2), held(patient, days_ago=1)
    client.force_login(physician.user)
    response = client.post(_url(first), {"note": "BP recheck normal; continue."})
    assert response.status_code == 302
    assert response.url == _url(second)
    review = SessionReview.objects.get()
    assert (review.session, review.reviewed_by, review.bulk) == (first, physician.user, False)
    note = ClinicalNote.objects.get()
    assert (review.note, note.session, note.text, note.is_signed) == (note, first, "BP recheck normal; continue.", True)

    # The signed session shows its sign-off, and offers none again.
    html = client.get(_url(first)).content.decode()
    assert "Signed off" in html and "By Elena Rivera" in html and "BP recheck normal; continue." in html
    assert "Sign off this session" not in html
    again = client.post(_url(first), {"note": ""})
    assert again.status_code == 200 and "This session has already been signed off." in again.content.decode()
    assert SessionReview.objects.count() == 1

    # The last one awaiting review goes back to the queue.
    response = client.post(_url(second), {"note": ""})
    assert response.url == reverse("review_queue")
    assert SessionReview.objects.get(session=second).note is None


def test_next_is_followed_only_within_the_site(client, physician, patient):
    sessions = [held(patient, days_ago=days) for days in (3, 2, 1)]
    chart = reverse("patient_detail", kwargs={"patient_pk": patient.pk})
    client.force_login(physician.user)
    assert client.post(_url(sessions[0], next=chart)).url == chart
    assert client.post(_url(sessions[1]), {"next": "https://evil.example/phish"}).url == _url(sessions[2])
    assert client.post(_url(sessions[2], next="//evil.example/")).url == reverse("review_queue")
