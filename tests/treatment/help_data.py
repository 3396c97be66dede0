"""A session in progress for the help tests: Maya's pre-dose check passed (sitter Sam Patel, +1 555 0101)."""

from tests.treatment.session_data import good_check
from treatment import services


def session_in_progress(patient):
    return services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check()).session
