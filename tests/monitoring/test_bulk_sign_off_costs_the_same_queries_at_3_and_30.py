"""The bulk sign-off of N unremarkable sessions (across patients) costs the same number of queries for 3 as for 30:
one read of them all with their remarkable flags, one insert of the sign-offs, one audit batch with a row each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditAction, AuditEvent
from monitoring import reviews
from monitoring.models import SessionReview
from tests.factories import PatientFactory
from tests.monitoring.review_data import completed


def _sessions(clinic, physician, count):
    return [
        completed(PatientFactory(clinic=clinic, care_team=[physician]), days_ago=number + 1).pk
        for number in range(count)
    ]


def test_bulk_sign_off_costs_the_same_at_3_and_30(clinic, physician, django_assert_num_queries):
    few, many = _sessions(clinic, physician, 3), _sessions(clinic, physician, 30)
    # The outer savepoint; the sessions with their patients and flags; the savepoint, insert and release of the
    # sign-offs; the audit batch (chain lock, last hash, insert); the outer release.
    with CaptureQueriesContext(connection) as small:
        assert len(reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=few)) == 3
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=many)) == 30
    assert SessionReview.objects.filter(bulk=True, reviewed_by=physician.user).count() == 33
    rows = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="session_review")
    assert rows.count() == 33
    assert set(rows.values_list("patient_id", flat=True)) == set(
        SessionReview.objects.values_list("patient_id", flat=True)
    )
