"""A clinical note's draft is its author's alone until signed: on the chart, a physician sees their own drafts and
every signed note, never a colleague's draft; a clinic admin sees signed notes only."""

import pytest
from django.urls import reverse

from accounts import services as account_services
from monitoring import notes


@pytest.fixture
def colleague(other_physician, patient, clinic_admin):
    """Daniel Okafor, added to Maya's care team."""
    account_services.care_team_assign(actor=clinic_admin, patient=patient, physician=other_physician)
    return other_physician


def chart(client, user, patient) -> str:
    client.force_login(user)
    return client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()


def test_only_the_author_sees_a_draft(client, patient, physician, colleague, clinic_admin):
    notes.clinical_note_write(actor=physician.user, patient=patient, text="Draft by Rivera.")
    notes.clinical_note_write(actor=colleague.user, patient=patient, text="Signed by Okafor.", sign=True)
    notes.clinical_note_write(actor=colleague.user, patient=patient, text="Draft by Okafor.")

    rivera = chart(client, physician.user, patient)
    assert "Draft by Rivera." in rivera and "Signed by Okafor." in rivera
    assert "Draft by Okafor." not in rivera

    okafor = chart(client, colleague.user, patient)
    assert "Draft by Okafor." in okafor and "Signed by Okafor." in okafor
    assert "Draft by Rivera." not in okafor

    admin = chart(client, clinic_admin, patient)
    assert "Signed by Okafor." in admin
    assert "Draft by" not in admin
