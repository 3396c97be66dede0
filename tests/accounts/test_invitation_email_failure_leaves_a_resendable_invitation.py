"""When the mail server fails, the invitation stays saved and marked "not sent" for a resend; the failure is logged
without the link, and the person inviting sees no error page."""

import logging

from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from accounts.models import Invitation, Role


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_failed_email_leaves_the_invitation_pending_and_unsent(
    client, clinic_admin, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingMailServer"}}
    client.force_login(clinic_admin)
    with (
        caplog.at_level(logging.ERROR, logger="accounts.invitations"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("invitation_new", kwargs={"role": Role.CLINIC_ADMIN}),
            {"full_name": "Sam Ops", "email": "ops@example.test"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.sent_at) == ("pending", None)
    assert "Invitation emails could not all be sent" in caplog.text
    assert "/invitations/" not in caplog.text
    assert "Email not sent yet" in client.get(reverse("invitation_list")).content.decode()
