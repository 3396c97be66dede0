"""Two clinic admins removing a patient's two physicians at the same moment leave one of them: the care-team
services lock the patient's row first, so the second removal sees the first one's result."""

import threading
import time

import pytest
from django.db import connection, transaction

from accounts import services
from accounts.models import CareTeamMembership, Patient
from anodyne.errors import DomainError


@pytest.mark.django_db(transaction=True)
def test_simultaneous_removals_of_both_physicians_leave_one(physician, other_physician, patient, clinic_admin):
    services.care_team_assign(actor=clinic_admin, patient=patient, physician=other_physician)
    outcomes = []

    def remove(doctor):
        try:
            services.care_team_unassign(actor=clinic_admin, patient=patient, physician=doctor)
            outcomes.append("removed")
        except DomainError as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    removals = [threading.Thread(target=remove, args=(doctor,)) for doctor in (physician, other_physician)]
    with transaction.atomic():
        # Both removals start while this holds the patient's row, so both have read nothing yet when it lets go.
        Patient.objects.select_for_update().get(pk=patient.pk)
        for removal in removals:
            removal.start()
        time.sleep(0.5)
    for removal in removals:
        removal.join(timeout=10)

    assert sorted(outcomes) == ["last_physician", "removed"]
    assert CareTeamMembership.objects.filter(patient=patient).count() == 1
