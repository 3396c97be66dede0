"""A held session (the pre-dose check did not pass) is always remarkable: the bulk sign-off refuses it, and with it
every other session of the request, naming it and saying why in plain words."""

import pytest

from monitoring import reviews
from monitoring.models import SessionReview
from monitoring.reviews import BulkSignOffRefused
from tests.monitoring.review_data import completed, held


def test_a_held_session_is_refused_with_the_rest_of_the_batch(physician, patient):
    fine, on_hold = completed(patient, days_ago=2), held(patient)
    with pytest.raises(BulkSignOffRefused) as refused:
        reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[fine.pk, on_hold.pk])
    assert [session.pk for session in refused.value.sessions] == [on_hold.pk]
    assert "This session needs an individual review: Maya Patel's session of" in refused.value.message
    assert "Held before dosing: the pre-dose safety check did not pass." in refused.value.message
    assert not SessionReview.objects.exists()


def test_it_is_signed_off_on_its_own(physician, patient):
    on_hold = held(patient)
    review = reviews.session_sign_off(actor=physician.user, session=on_hold, note="Called: BP fine on recheck.")
    assert review.note.text == "Called: BP fine on recheck."
    assert review.note.is_signed and review.note.session == on_hold
