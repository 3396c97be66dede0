"""Checking and importing a file take the same number of queries for 3 rows or 60: set lookups, bulk inserts and
one batch of audit rows."""

import pytest

from accounts import patient_import
from tests.accounts.invitation_helpers import BASE_URL, csv_bytes, good_line


@pytest.mark.parametrize("count", [3, 60])
def test_the_check_runs_three_queries(clinic_admin, physician, django_assert_num_queries, count):
    rows = patient_import.csv_rows(csv_bytes(*[good_line(n) for n in range(count)]))
    clinic_admin.clinic  # noqa: B018 (loaded by the view's request before the check)
    # addresses with an account, open invitations, the clinic's physicians named in the file.
    with django_assert_num_queries(3):
        assert patient_import.patient_import_check(actor=clinic_admin, rows=rows).ok


@pytest.mark.parametrize("count", [3, 60])
def test_the_import_runs_a_fixed_number_of_queries(
    clinic_admin, physician, django_assert_num_queries, django_capture_on_commit_callbacks, count
):
    rows = patient_import.csv_rows(csv_bytes(*[good_line(n) for n in range(count)]))
    clinic_admin.clinic  # noqa: B018
    # savepoint, the three lookups of the check, one insert of the invitations, the audit batch (chain lock, last hash,
    # one insert), release — then, after the commit, one update of sent_at.
    with django_assert_num_queries(10), django_capture_on_commit_callbacks(execute=True):
        assert len(patient_import.patient_import(actor=clinic_admin, rows=rows, base_url=BASE_URL)) == count
