"""Each reason that makes a session remarkable keeps it out of a bulk sign-off, and the refusal says which reason in
plain words: marked for review, findings after the dose, a severe side effect, an adverse event linked to it. A mild
or moderate side effect does not."""

import pytest

from monitoring import review_selectors, reviews
from monitoring.models import SessionReview
from monitoring.reviews import BulkSignOffRefused
from tests.monitoring.review_data import (
    completed,
    marked_for_review,
    with_adverse_event,
    with_findings,
    with_side_effect,
)

CASES = [
    (marked_for_review, "Marked for a physician's review when the dose was logged."),
    (marked_for_review, "Dissociation at the peak: 9 out of 10"),
    (with_findings, "Blood pressure after the dose: 168/94, above the plan's limits."),
    (with_side_effect, "A severe side effect was reported."),
    (with_adverse_event, "An adverse event was reported about this session."),
]


@pytest.mark.parametrize(("make", "words"), CASES)
def test_each_reason_refuses_the_whole_request(physician, patient, make, words):
    fine, remarkable = completed(patient, days_ago=3), make(patient)
    with pytest.raises(BulkSignOffRefused) as refused:
        reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[fine.pk, remarkable.pk])
    assert words in refused.value.message
    assert [session.pk for session in refused.value.sessions] == [remarkable.pk]
    assert not SessionReview.objects.exists()


@pytest.mark.parametrize("severity", ["mild", "moderate"])
def test_a_milder_side_effect_is_unremarkable(physician, patient, severity):
    session = with_side_effect(patient, severity=severity)
    assert reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[session.pk])


def test_the_flag_is_sql_usable_and_agrees_with_the_reasons(patient):
    """The queue and the bulk sign-off filter on the same annotation that the pages word."""
    made = [completed(patient), *(make(patient) for make, _ in CASES[1:])]
    sessions = review_selectors.with_remarkable(review_selectors.sessions_awaiting_review())
    assert list(sessions.filter(remarkable=False).values_list("pk", flat=True)) == [made[0].pk]
    assert set(sessions.filter(review_selectors.REMARKABLE).values_list("pk", flat=True)) == {s.pk for s in made[1:]}
    for session in sessions:
        assert bool(review_selectors.remarkable_reasons(session)) == session.remarkable
