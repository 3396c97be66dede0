"""A session is signed off once: a second sign-off — on its own or in bulk — is refused in plain words, and a
session that is not completed or held (in progress, say) awaits no sign-off."""

import pytest

from anodyne.errors import DomainError
from monitoring import reviews
from monitoring.models import SessionReview
from tests.monitoring.review_data import colleague_on_care_team, completed, held, in_progress


def test_a_second_sign_off_is_refused(physician, patient):
    colleague = colleague_on_care_team(patient)
    session = held(patient)
    reviews.session_sign_off(actor=physician.user, session=session)
    with pytest.raises(DomainError, match="already been signed off") as refused:
        reviews.session_sign_off(actor=colleague.user, session=session, note="Checked as well.")
    assert refused.value.code == "already_reviewed"
    (review,) = SessionReview.objects.all()
    assert review.reviewed_by == physician.user


def test_a_bulk_sign_off_of_a_signed_session_signs_nothing(physician, patient):
    signed, other = completed(patient), completed(patient, days_ago=2)
    reviews.session_sign_off(actor=physician.user, session=signed)
    with pytest.raises(DomainError, match=r"Nothing was signed: Maya Patel's session of .* has already been signed"):
        reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[signed.pk, other.pk])
    assert list(SessionReview.objects.values_list("session", flat=True)) == [signed.pk]


def test_a_session_in_progress_awaits_no_sign_off(physician, patient):
    session = in_progress(patient)
    with pytest.raises(DomainError, match="This session is in progress: only a completed or held session"):
        reviews.session_sign_off(actor=physician.user, session=session)
    with pytest.raises(DomainError, match=f"session {session.pk} cannot be signed off"):
        reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[session.pk])
    assert not SessionReview.objects.exists()
