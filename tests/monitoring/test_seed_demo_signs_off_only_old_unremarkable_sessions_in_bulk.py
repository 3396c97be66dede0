"""`seed_demo` leaves the review queue as a physician keeping up with it would: sessions older than a week that are
unremarkable (by the queue's own rule) were bulk-signed by the patient's physician; remarkable ones older than the
alert window were signed one by one, each with a signed clinical note; nothing recent is signed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import CareTeamMembership
from monitoring.demo import BULK_SIGNED_AFTER
from monitoring.models import SessionReview
from monitoring.review_selectors import REVIEWABLE, sessions_awaiting_review, with_remarkable
from treatment.demo import ALERT_WINDOW
from treatment.models import SessionStatus, TreatmentSession


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--patients", "30", "--days", "40", stdout=StringIO())
    return timezone.now()


def _moment(session):
    return session.completed_at or session.checked_at


def test_bulk_sign_offs_are_of_old_unremarkable_sessions_by_their_physician(seeded):
    bulk = SessionReview.objects.filter(bulk=True).select_related("session")
    assert bulk.count() > 30 * 5  # most of 40 days of two sessions a week
    remarkable = set(
        with_remarkable(TreatmentSession.objects.all()).filter(remarkable=True).values_list("pk", flat=True)
    )
    care_teams = set(CareTeamMembership.objects.values_list("patient_id", "physician__user_id"))
    for review in bulk:
        assert review.session.status == SessionStatus.COMPLETED
        assert review.session_id not in remarkable
        assert _moment(review.session) < seeded - BULK_SIGNED_AFTER
        assert review.note_id is None
        assert (review.patient_id, review.reviewed_by_id) in care_teams
        assert review.patient_id == review.session.patient_id
        assert _moment(review.session) < review.reviewed_at <= seeded


def test_remarkable_sessions_are_signed_one_by_one_with_a_signed_note(seeded):
    single = SessionReview.objects.filter(bulk=False).select_related("session", "note")
    assert single.exists()  # 40 days of 30 patients hold a few held sessions
    remarkable = set(
        with_remarkable(TreatmentSession.objects.all()).filter(remarkable=True).values_list("pk", flat=True)
    )
    for review in single:
        assert review.session_id in remarkable
        assert _moment(review.session) < seeded - ALERT_WINDOW
        note = review.note
        assert note.is_signed and note.signed_at == review.reviewed_at
        assert (note.session_id, note.patient_id, note.author_id) == (
            review.session_id,
            review.patient_id,
            review.reviewed_by_id,
        )


def test_the_queue_holds_only_recent_sessions_and_holds_them_all(seeded):
    awaiting = list(with_remarkable(sessions_awaiting_review()))
    assert awaiting
    for session in awaiting:
        window = ALERT_WINDOW if session.remarkable else BULK_SIGNED_AFTER
        assert _moment(session) >= seeded - window
    recent = TreatmentSession.objects.filter(status__in=REVIEWABLE, checked_at__gte=seeded - timedelta(days=6))
    assert recent.exists()
    assert not SessionReview.objects.filter(session__in=recent).exists()
