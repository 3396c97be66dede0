"""Shared by the invitation and patient import tests: invite someone and read the link from the email, as the
invitee would. The raw token exists nowhere else."""

import re

from django.core import mail

from accounts import invitations
from accounts.models import Condition

BASE_URL = "https://anodyne.test/"
STRONG_PASSWORD = "lantern-orchard-velvet-42"
LINK = re.compile(r"https?://[^/\s]+/invitations/([A-Za-z0-9_-]+)/")


def patient_profile(*physicians, **overrides) -> dict:
    profile = {
        "date_of_birth": "1979-03-14",
        "time_zone": "America/Denver",
        "primary_condition": Condition.FIBROMYALGIA,
        "phone": "+1 555 0142",
        "physician_ids": [p.pk for p in physicians],
    }
    return profile | overrides


PHYSICIAN_PROFILE = {
    "licence_number": "G765432",
    "licence_state": "ca",
    "board_certification": "Anesthesiology — Pain Medicine",
}


def token_in(message) -> str:
    """The token of the one invitation link in an email."""
    tokens = LINK.findall(message.body)
    assert len(tokens) == 1, message.body
    return tokens[0]


def invite(capture_on_commit, *, actor, email, role, full_name="Invited Person", profile=None):
    """Create an invitation as `actor`, run the after-commit email, and return (invitation, token)."""
    with capture_on_commit(execute=True):
        invitation = invitations.invitation_create(
            actor=actor, email=email, full_name=full_name, role=role, profile=profile, base_url=BASE_URL
        )
    return invitation, token_in(mail.outbox[-1])


HEADER = "email,full_name,date_of_birth,time_zone,primary_condition,phone,physician_email"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    """A CSV file as a spreadsheet saves it: the header, then one line a patient."""
    return ("\n".join([header, *lines]) + "\n").encode()


def good_line(n: int, physician_email: str = "rivera@sunrise.test") -> str:
    return f"patient{n}@example.test,Patient {n},1980-01-{1 + n % 28:02d},America/Chicago,crps,+1 555 01{n % 100:02d},{physician_email}"
