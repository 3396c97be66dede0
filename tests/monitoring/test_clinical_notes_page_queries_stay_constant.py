"""A patient's notes page and one note's page cost the same number of queries — under 15 — with 3 notes or 40, each
with addenda."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring import notes
from tests.monitoring.review_data import draft_note, signed_note


def _add_notes(patient, physician, count):
    made = []
    for number in range(count):
        if number % 3 == 2:
            made.append(draft_note(patient, physician.user, text=f"Draft {number}."))
            continue
        note = signed_note(patient, text=f"Signed note {number}.")
        for extra in range(number % 3 + 1):
            notes.clinical_note_addendum_add(actor=physician.user, note=note, text=f"Addendum {number}.{extra}.")
        made.append(note)
    return made


def test_the_notes_page_costs_the_same_queries_at_3_and_40(client, physician, patient, django_assert_num_queries):
    client.force_login(physician.user)
    url = reverse("clinical_notes", kwargs={"patient_pk": patient.pk})
    _add_notes(patient, physician, 3)
    client.get(url)  # the session's first request starts its clock (one more write)
    # The session; the physician; their authenticator (MFA middleware); the patient and their care team
    # (patient_get); its audit row (chain lock, last hash, insert); the count and the page of
    # notes with their authors, sessions and alerts; their addenda with authors (one prefetch); the clinic (footer).
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.content.decode().count('class="card clinical-note') == 3
    assert len(small.captured_queries) < 15

    _add_notes(patient, physician, 37)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert "40 notes" in html
    assert html.count('class="card clinical-note') == 25  # one page


def test_a_notes_page_costs_the_same_queries_with_1_or_20_addenda(
    client, physician, patient, django_assert_num_queries
):
    note = signed_note(patient)
    notes.clinical_note_addendum_add(actor=physician.user, note=note, text="First addendum.")
    client.force_login(physician.user)
    url = reverse("clinical_note_detail", kwargs={"patient_pk": patient.pk, "note_pk": note.pk})
    client.get(url)
    # As above, with the one note instead of the count and the page.
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(small.captured_queries) < 15
    for number in range(19):
        notes.clinical_note_addendum_add(actor=physician.user, note=note, text=f"Addendum {number}.")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="addendum"') == 20
