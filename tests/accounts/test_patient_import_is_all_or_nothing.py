"""A file with any problem imports nothing — no invitation, no audit row, no email; a clean file invites everyone in
one transaction, with one IMPORT audit row and one INVITE row a patient, and emails only after the commit."""

import pytest
from django.core import mail

from accounts import invitations, patient_import
from accounts.models import AuditAction, AuditEvent, Invitation, Patient, Role
from tests.accounts.invitation_helpers import BASE_URL, STRONG_PASSWORD, csv_bytes, good_line, token_in


def _import(actor, data):
    return patient_import.patient_import(actor=actor, rows=patient_import.csv_rows(data), base_url=BASE_URL)


def test_one_bad_row_imports_nothing(clinic_admin, physician, django_capture_on_commit_callbacks):
    data = csv_bytes(good_line(1), good_line(2), "bad,Bad Row,1980-01-01,America/Chicago,crps,,rivera@sunrise.test")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(patient_import.ImportRefused) as refused:
        _import(clinic_admin, data)
    assert refused.value.message == "1 row of the file has problems; nothing was imported."
    assert [row.line for row in refused.value.check.problem_rows] == [4]
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.filter(action__in=[AuditAction.IMPORT, AuditAction.INVITE]).exists()
    assert mail.outbox == []


def test_a_clean_file_invites_every_patient(
    clinic_admin, physician, other_physician, django_capture_on_commit_callbacks
):
    data = csv_bytes(good_line(1), good_line(2), good_line(3, "rivera@sunrise.test;okafor@sunrise.test"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invited = _import(clinic_admin, data)
    assert len(invited) == 3
    # Saved, but not one email before the commit.
    assert mail.outbox == []
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 3

    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [f"patient{n}@example.test" for n in (1, 2, 3)]
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()
    for message in mail.outbox:
        assert "crps" not in message.body.lower() and "complex regional" not in message.body.lower()
        assert "ketamine" not in (message.subject + message.body).lower()

    third = Invitation.objects.get(email="patient3@example.test")
    assert (third.role, third.clinic, third.invited_by) == (Role.PATIENT, clinic_admin.clinic, clinic_admin)
    assert third.profile == {
        "date_of_birth": "1980-01-04",
        "time_zone": "America/Chicago",
        "primary_condition": "crps",
        "phone": "+1 555 0103",
        "physician_ids": sorted([physician.pk, other_physician.pk]),
    }
    batch = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert (batch.actor, batch.detail, len(batch.object_id)) == (clinic_admin, "3 patient invitations", 64)
    invited_rows = AuditEvent.objects.filter(action=AuditAction.INVITE, actor=clinic_admin)
    assert sorted(int(e.object_id) for e in invited_rows) == sorted(i.pk for i in invited)


def test_an_imported_patient_sets_their_own_password_and_gets_their_care_team(
    clinic_admin, physician, other_physician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(clinic_admin, csv_bytes(good_line(7, "okafor@sunrise.test")))
    assert not Patient.objects.filter(user__email="patient7@example.test").exists()

    user = invitations.invitation_accept(token=token_in(mail.outbox[0]), password=STRONG_PASSWORD)
    assert user.check_password(STRONG_PASSWORD)
    assert [m.physician for m in user.patient.care_team_memberships.all()] == [other_physician]


def test_importing_the_same_file_twice_is_refused(clinic_admin, physician, django_capture_on_commit_callbacks):
    data = csv_bytes(good_line(1))
    with django_capture_on_commit_callbacks(execute=True):
        _import(clinic_admin, data)
        with pytest.raises(patient_import.ImportRefused) as refused:
            _import(clinic_admin, data)
    assert refused.value.check.problem_rows[0].problems == [
        "patient1@example.test already has an open invitation to this clinic."
    ]
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["physician", "patient"])
def test_only_a_clinic_admin_imports(request, who):
    person = request.getfixturevalue(who)
    with pytest.raises(patient_import.DomainError, match="Only a clinic admin"):
        _import(person.user, csv_bytes(good_line(1)))
    assert not Invitation.objects.exists()
