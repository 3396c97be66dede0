"""A clinic admin's invitation is stored with a hash of its token; the raw token goes out only in the email link."""

from django.core import mail

from accounts.models import AuditAction, AuditEvent, Invitation, Role
from tests.accounts.invitation_helpers import invite, patient_profile


def test_a_patient_invitation_stores_the_hash_and_emails_the_link(
    clinic_admin, physician, django_capture_on_commit_callbacks
):
    invitation, token = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="  New.Patient@Example.TEST ",
        full_name="Rosa  Diaz",
        role=Role.PATIENT,
        profile=patient_profile(physician),
    )

    invitation.refresh_from_db()
    assert invitation.email == "new.patient@example.test"
    assert invitation.full_name == "Rosa Diaz"
    assert invitation.clinic == clinic_admin.clinic
    assert invitation.invited_by == clinic_admin
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.profile == {
        "date_of_birth": "1979-03-14",
        "time_zone": "America/Denver",
        "primary_condition": "fibromyalgia",
        "phone": "+1 555 0142",
        "physician_ids": [physician.pk],
    }
    assert invitation.status == "pending"
    assert invitation.sent_at is not None
    assert (invitation.expires_at - invitation.created_at).days == 7

    [message] = mail.outbox
    assert message.to == ["new.patient@example.test"]
    assert "You have been invited to join Sunrise Pain Clinic on Anodyne" in message.body


def test_the_invitation_is_audited_without_the_address(clinic_admin, physician, django_capture_on_commit_callbacks):
    invitation, _ = invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="rosa@example.test",
        role=Role.PATIENT,
        profile=patient_profile(physician),
    )
    event = AuditEvent.objects.get(action=AuditAction.INVITE)
    assert event.actor == clinic_admin
    assert event.clinic == clinic_admin.clinic
    assert (event.object_type, event.object_id) == ("invitation", str(invitation.pk))
    assert "rosa" not in event.detail


def test_the_expiry_follows_the_setting(clinic_admin, settings, django_capture_on_commit_callbacks):
    settings.ANODYNE_INVITATION_DAYS = 2
    invitation, _ = invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="admin2@example.test", role=Role.CLINIC_ADMIN
    )
    assert (invitation.expires_at - invitation.created_at).days == 2
