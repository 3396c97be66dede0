"""A session with an alert about it (cause "session:<id>") cannot be bulk-signed, whatever the alert's status — one
resolved since still deserves an individual look. Another session's alert, or another patient's alert with the same
cause, does not make a session remarkable."""

import pytest

from monitoring import reviews, services
from monitoring.models import SessionReview
from monitoring.reviews import BulkSignOffRefused
from tests.monitoring.conftest import raise_alert
from tests.monitoring.review_data import alert_about, completed


@pytest.mark.parametrize("status", ["open", "acknowledged", "resolved"])
def test_an_alert_of_any_status_keeps_the_session_out_of_bulk(physician, patient, status):
    session = completed(patient)
    alert = alert_about(session)
    if status == "acknowledged":
        services.alert_acknowledge(actor=physician.user, alert=alert)
    if status == "resolved":
        services.alert_resolve(actor=physician.user, alert=alert, note="Spoke to the patient; dose as planned.")
    with pytest.raises(BulkSignOffRefused, match="An alert was raised about this session"):
        reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[session.pk])
    assert not SessionReview.objects.exists()


def test_alerts_about_other_things_do_not_count(physician, patient, second_patient):
    session = completed(patient)
    other = completed(patient, days_ago=3)
    alert_about(other)
    raise_alert(second_patient, cause=f"session:{session.pk}")  # the same cause text, another patient
    raise_alert(patient, cause=f"adverse_event:{session.pk}")
    (review,) = reviews.sessions_sign_off_bulk(actor=physician.user, session_ids=[session.pk])
    assert (review.session, review.bulk) == (session, True)
