"""Signing sessions off in bulk through the API signs all of them or none: when any needs an individual review (held,
marked for review, findings after the dose, a severe side effect, an adverse event, an alert), nothing is signed and
the error names each such session (attr `sessions.<id>`) with its reasons in plain words. One session alone is signed
off whatever it is, with an optional note written as a signed clinical note on it."""

import pytest
from django.urls import reverse

from monitoring.models import ClinicalNote, SessionReview
from tests.api.staff_data import login, write
from tests.monitoring.review_data import completed, held, marked_for_review, with_alert

pytestmark = pytest.mark.django_db


def _sign(client, body):
    return write(client, "post", reverse("api:review_sign_off"), body)


def test_a_bulk_sign_off_with_remarkable_sessions_signs_nothing_and_names_them(client, patient, physician):
    plain = completed(patient, days_ago=3)
    was_held = held(patient, days_ago=2)
    marked = marked_for_review(patient, days_ago=1.5)
    alerted = with_alert(patient, days_ago=1)
    login(client, physician)
    response = _sign(client, {"sessions": [plain.pk, was_held.pk, marked.pk, alerted.pk]})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["attr"] == "non_field_errors"
    assert errors[0]["code"] == "needs_individual_review"
    assert errors[0]["detail"].startswith("Nothing was signed.")
    named = {}
    for error in errors[1:]:
        assert error["code"] == "needs_individual_review"
        named.setdefault(error["attr"], []).append(error["detail"])
    assert named == {
        f"sessions.{was_held.pk}": ["Held before dosing: the pre-dose safety check did not pass."],
        f"sessions.{marked.pk}": [
            "Marked for a physician's review when the dose was logged.",
            "Dissociation at the peak: 9 out of 10 (8 or more asks for a physician's review).",
        ],
        f"sessions.{alerted.pk}": ["An alert was raised about this session."],
    }
    assert not SessionReview.objects.exists()


def test_unremarkable_sessions_are_signed_together(client, patient, second_patient, physician):
    sessions = [completed(patient, days_ago=2), completed(second_patient, days_ago=1)]
    login(client, physician)
    response = _sign(client, {"sessions": [session.pk for session in sessions]})
    assert response.status_code == 201
    signed = response.json()["signed"]
    assert sorted(review["session"] for review in signed) == sorted(session.pk for session in sessions)
    assert all(review["bulk"] and review["reviewed_by"] == physician.user_id for review in signed)


def test_one_remarkable_session_is_signed_off_on_its_own_with_a_note(client, patient, physician):
    session = held(patient)
    login(client, physician)
    response = _sign(client, {"session": session.pk, "note": "Called: BP 138/86 at rest. Next dose as planned."})
    assert response.status_code == 201
    (review,) = response.json()["signed"]
    assert (review["session"], review["bulk"]) == (session.pk, False)
    note = ClinicalNote.objects.get(pk=review["note"])
    assert note.is_signed and note.session == session
    assert _sign(client, {"session": session.pk}).status_code == 409  # signed off once


def test_anyone_elses_session_is_not_found(client, patient, other_physician):
    session = completed(patient)
    login(client, other_physician)
    assert _sign(client, {"session": session.pk}).status_code == 404
    assert _sign(client, {"sessions": [session.pk]}).status_code == 404
    assert not SessionReview.objects.exists()


def test_one_or_several_not_both(client, physician):
    login(client, physician)
    for body in ({}, {"session": 1, "sessions": [1]}):
        response = _sign(client, body)
        assert response.status_code == 400
        assert response.json()["type"] == "validation_error"
