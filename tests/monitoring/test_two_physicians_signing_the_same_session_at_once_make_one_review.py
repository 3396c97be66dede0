"""Two physicians of the care team signing off the same session at the same moment leave exactly one sign-off: the
database's one-to-one constraint decides, and the other is told plainly that the session is already signed off (a
DomainError, never a 500) — with nothing of theirs kept, not even the note they wrote with it."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from anodyne.errors import DomainError
from monitoring import reviews
from monitoring.models import ClinicalNote, SessionReview
from tests.monitoring.review_data import colleague_on_care_team, completed

pytestmark = [
    pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="a unique index that waits for a commit: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _sign_in_a_thread(user, session, note, outcomes, start=None):
    def run():
        try:
            if start is not None:
                start.wait(timeout=10)
            outcomes.append(reviews.session_sign_off(actor=user, session=session, note=note).reviewed_by_id)
        except Exception as error:  # the assertions name it
            outcomes.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_two_threads_racing_leave_one_sign_off(physician, patient):
    colleague = colleague_on_care_team(patient)
    session = completed(patient)
    outcomes, start = [], threading.Barrier(2)
    threads = [
        _sign_in_a_thread(physician.user, session, "Fine by me.", outcomes, start),
        _sign_in_a_thread(colleague.user, session, "Fine by me too.", outcomes, start),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    refusals = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    signers = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    assert len(signers) == 1 and len(refusals) == 1, outcomes
    assert isinstance(refusals[0], DomainError) and refusals[0].code == "already_reviewed"
    review = SessionReview.objects.get()
    assert review.reviewed_by_id == signers[0]
    # The loser's note went with its refused sign-off.
    assert list(ClinicalNote.objects.values_list("author_id", flat=True)) == [signers[0]]


def test_a_sign_off_waiting_on_an_uncommitted_one_is_refused_when_it_commits(physician, patient):
    """The interleaving the constraint is for: the second sign-off has found no review (the first is not committed)
    and inserts, waits on the unique index, and fails cleanly once the first commits."""
    colleague = colleague_on_care_team(patient)
    session = completed(patient)
    outcomes = []
    second = _sign_in_a_thread(colleague.user, session, "Fine by me too.", outcomes)
    with transaction.atomic():
        reviews.session_sign_off(actor=physician.user, session=session, note="Fine by me.")
        second.start()
        time.sleep(0.5)
    second.join(timeout=10)

    (refusal,) = outcomes
    assert isinstance(refusal, DomainError) and refusal.code == "already_reviewed"
    assert refusal.message == "This session has already been signed off."
    assert SessionReview.objects.get().reviewed_by == physician.user
    assert ClinicalNote.objects.get().author == physician.user
