"""Pages of one of a patient's records (the `patient_pk` keyword and the record's own, e.g. an addendum page) are
walked like every patient page (tests/accounts/test_audit_every_patient_page.py), with a real record of the patient:
an allowed read is 200 and one audit row naming the patient; an outsider gets 404 and one denied row; an insider
whose role the page is not for gets 403 and one denied row."""

import pytest
from django.urls import get_resolver, resolve, reverse

from accounts.models import AuditAction, AuditEvent, AuditOutcome
from tests.monitoring.message_data import patient_thread
from tests.monitoring.review_data import signed_note
from tests.patient_urls import INSIDERS, record_page_names
from tests.treatment.record_data import completed_session, reported_adverse_event
from treatment import services

# How to make a record of the patient for each record keyword. A record page whose keyword is missing here fails
# test_every_record_page_can_be_walked: add its maker.
RECORD_MAKERS = {
    "session_pk": completed_session,
    "adverse_event_pk": reported_adverse_event,
    "note_pk": signed_note,
    "thread_pk": patient_thread,
}
RECORD_PAGES = record_page_names()


def keywords(url_name) -> list[str]:
    (possibility, *_), *_ = get_resolver().reverse_dict.getlist(url_name)
    return possibility[0][1]


def url_for(url_name, patient=None) -> str:
    kwargs = {}
    for name in keywords(url_name):
        if name == "patient_pk":
            kwargs[name] = patient.pk if patient else 1
        else:
            kwargs[name] = RECORD_MAKERS[name](patient).pk if patient else 1
    return reverse(url_name, kwargs=kwargs)


def allowed_roles(url_name) -> frozenset[str]:
    return frozenset(getattr(resolve(url_for(url_name)).func, "allowed_roles", INSIDERS))


def rows_of(response):
    return AuditEvent.objects.filter(request_id=response["X-Request-ID"])


@pytest.fixture
def second_patient_signed(second_patient, consent_v1):
    """James has signed the clinic's consent, so that he reaches pages at all (else he is sent to sign it)."""
    services.consent_sign(patient_user=second_patient.user, consent_version=consent_v1, typed_name="James Nguyen")
    return second_patient


def test_every_record_page_can_be_walked():
    assert {"session_addendum", "adverse_event_addendum"} <= set(RECORD_PAGES)
    for url_name in RECORD_PAGES:
        missing = set(keywords(url_name)) - {"patient_pk"} - set(RECORD_MAKERS)
        assert not missing, f"{url_name}: add a maker for {missing} to RECORD_MAKERS"


@pytest.mark.parametrize("url_name", RECORD_PAGES)
@pytest.mark.parametrize("insider", INSIDERS)
def test_a_read_by_an_insider_writes_one_audit_row(client, request, ready_patient, url_name, insider):
    url = url_for(url_name, ready_patient)
    person = request.getfixturevalue(insider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(url)
    (row,) = rows_of(response)
    if insider in allowed_roles(url_name):
        assert response.status_code == 200
        assert ready_patient.user.full_name in response.content.decode()
        assert (row.actor, row.action, row.patient, row.outcome) == (
            user,
            AuditAction.VIEW,
            ready_patient,
            AuditOutcome.SUCCESS,
        )
    else:
        assert response.status_code == 403
        assert (row.actor, row.outcome, row.patient) == (user, AuditOutcome.DENIED, None)


@pytest.mark.parametrize("url_name", RECORD_PAGES)
@pytest.mark.parametrize("outsider", ["second_patient_signed", "other_physician", "outside_physician"])
def test_a_read_by_an_outsider_is_a_404_with_one_denied_row(client, request, ready_patient, url_name, outsider):
    url = url_for(url_name, ready_patient)
    person = request.getfixturevalue(outsider)
    user = getattr(person, "user", person)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 404
    assert ready_patient.user.full_name not in response.content.decode()
    (row,) = rows_of(response)
    assert (row.actor, row.outcome, row.object_id, row.patient) == (
        user,
        AuditOutcome.DENIED,
        str(ready_patient.pk),
        None,
    )
