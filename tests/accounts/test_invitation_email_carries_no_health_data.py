"""An invitation email names the clinic and carries the link — no condition, no date of birth, nothing clinical."""

from django.core import mail

from accounts.models import Condition, Role
from tests.accounts.invitation_helpers import invite, patient_profile


def test_a_patient_invitation_email_says_nothing_about_their_health(
    clinic_admin, physician, django_capture_on_commit_callbacks
):
    invite(
        django_capture_on_commit_callbacks,
        actor=clinic_admin,
        email="rosa@example.test",
        full_name="Rosa Diaz",
        role=Role.PATIENT,
        profile=patient_profile(physician, primary_condition=Condition.CRPS, phone="+1 555 0142"),
    )
    [message] = mail.outbox
    assert message.subject == "Anodyne: You have been invited to join Sunrise Pain Clinic"
    for text in (message.subject, message.body):
        lowered = text.lower()
        assert Condition.CRPS.label.lower() not in lowered
        assert "crps" not in lowered
        assert "complex regional" not in lowered
        assert "ketamine" not in lowered
        assert "1979" not in text  # date of birth
        assert "555 0142" not in text  # phone
        assert "Rivera" not in text  # the care team
        assert "dose" not in lowered
    assert not message.attachments
