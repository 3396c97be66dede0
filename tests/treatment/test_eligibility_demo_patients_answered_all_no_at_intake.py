"""The demo's patients, whose plans are active, answered "no" to every eligibility item at intake: they are cleared,
so their Today asks nothing and their next dose is not held for eligibility."""

from io import StringIO

from django.core.management import call_command

from accounts.models import AuditEvent, Patient
from treatment import eligibility_selectors
from treatment.models import EligibilityScreen, EligibilityStatus


def test_every_demo_patient_is_cleared_by_an_all_no_intake_screen(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--patients", "3", "--days", "14", stdout=StringIO())
    patients = list(Patient.objects.all())
    assert len(patients) == 3
    for patient in patients:
        screen = EligibilityScreen.objects.get(patient=patient)
        assert (screen.status, screen.requested_by, screen.answered_by) == (
            EligibilityStatus.CLEARED,
            None,
            patient.user,
        )
        assert set(screen.answers.values()) == {0}
        assert screen.answered_at < patient.treatment_plans.get().created_at
        assert eligibility_selectors.is_cleared(patient)
    assert AuditEvent.objects.filter(object_type="eligibility_screen").count() == 3

    call_command("seed_demo", "--patients", "3", "--days", "14", stdout=StringIO())
    assert EligibilityScreen.objects.count() == 3
