"""The preview names every row's problems in plain words — all of them, not only the first — and lists the rows
that are fine."""

import pytest

from accounts import patient_import
from accounts.models import Role
from tests.accounts.invitation_helpers import csv_bytes, good_line, invite
from tests.factories import PhysicianFactory


@pytest.fixture
def check(clinic_admin, physician, patient, outside_physician, django_capture_on_commit_callbacks):
    PhysicianFactory(
        clinic=clinic_admin.clinic, user__email="gone@sunrise.test", user__full_name="Ada Gone", user__is_active=False
    )
    invite(django_capture_on_commit_callbacks, actor=clinic_admin, email="invited@example.test", role=Role.CLINIC_ADMIN)
    data = csv_bytes(
        good_line(1),  # row 2
        "not-an-email,Bad Email,1980-01-01,America/Chicago,crps,,rivera@sunrise.test",  # 3
        "b@example.test,Bad Date,01/02/1980,America/Chicago,crps,,rivera@sunrise.test",  # 4
        "c@example.test,No Such Day,1980-02-30,America/Chicago,crps,,rivera@sunrise.test",  # 5
        "d@example.test,Bad Zone,1980-01-01,America/Gotham,crps,,rivera@sunrise.test",  # 6
        "e@example.test,Bad Condition,1980-01-01,America/Chicago,headache,,rivera@sunrise.test",  # 7
        "PATIENT1@example.test,Duplicate,1980-01-01,America/Chicago,crps,,rivera@sunrise.test",  # 8
        "maya@sunrise.test,Has Account,1980-01-01,America/Chicago,crps,,rivera@sunrise.test",  # 9
        "invited@example.test,Has Invitation,1980-01-01,America/Chicago,crps,,rivera@sunrise.test",  # 10
        "f@example.test,Unknown Physician,1980-01-01,America/Chicago,crps,,nobody@sunrise.test",  # 11
        "g@example.test,Other Clinic,1980-01-01,America/Chicago,crps,,harper@harbor.test",  # 12
        "h@example.test,Deactivated,1980-01-01,America/Chicago,crps,,gone@sunrise.test",  # 13
        "i@example.test,,,America/Chicago,,,",  # 14: missing name, date, condition and physician
        "j@example.test,Many Problems,1980-13-01,Nowhere,x,not a phone!,rivera@sunrise.test;nobody@sunrise.test",  # 15
        "k@example.test,Two Physicians,1980-01-01,America/Chicago,Fibromyalgia,,rivera@sunrise.test; okafor@sunrise.test",  # 16
    )
    PhysicianFactory(clinic=clinic_admin.clinic, user__email="okafor@sunrise.test", user__full_name="Daniel Okafor")
    return patient_import.patient_import_check(actor=clinic_admin, rows=patient_import.csv_rows(data))


def problems(check, line):
    [row] = [row for row in check.rows if row.line == line]
    return row.problems


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (3, ["“not-an-email” is not an email address."]),
        (4, ["Date of birth “01/02/1980” is not written YYYY-MM-DD."]),
        (5, ["Date of birth “1980-02-30” is not a real date."]),
        (6, ["“America/Gotham” is not a time zone we know; use an IANA name such as America/New_York."]),
        (
            7,
            [
                "Primary condition “headache” is not one we know; use one of: crps, fibromyalgia, neuropathic, migraine, cluster_headache, back_neck, phantom_limb."
            ],
        ),
        (8, ["The same email as row 2."]),
        (9, ["An account with this email already exists (maya@sunrise.test)."]),
        (10, ["invited@example.test already has an open invitation to this clinic."]),
        (11, ["nobody@sunrise.test is not a physician of Sunrise Pain Clinic."]),
        # Another clinic's physician gets the same words as an unknown address: nothing about another clinic leaks.
        (12, ["harper@harbor.test is not a physician of Sunrise Pain Clinic."]),
        (13, ["Dr. Ada Gone (gone@sunrise.test) is deactivated and cannot join a care team."]),
        (
            14,
            [
                "Full name is missing.",
                "Date of birth is missing.",
                "Primary condition is missing.",
                "Physician email is missing.",
            ],
        ),
        (
            15,
            [
                "Date of birth “1980-13-01” is not a real date.",
                "“Nowhere” is not a time zone we know; use an IANA name such as America/New_York.",
                "Primary condition “x” is not one we know; use one of: crps, fibromyalgia, neuropathic, migraine, cluster_headache, back_neck, phantom_limb.",
                "Phone “not a phone!” is not a phone number (digits, spaces, + ( ) - . only; at most 32).",
                "nobody@sunrise.test is not a physician of Sunrise Pain Clinic.",
            ],
        ),
    ],
)
def test_each_kind_of_problem_is_reported(check, line, expected):
    assert problems(check, line) == expected


def test_the_good_rows_are_listed_as_ready(check):
    assert [row.line for row in check.good_rows] == [2, 16]
    two = check.good_rows[1]
    assert two.primary_condition == "fibromyalgia"
    assert [str(p) for p in two.physicians] == ["Dr. Elena Rivera", "Dr. Daniel Okafor"]
    assert not check.ok


def test_a_missing_email_is_reported(clinic_admin, physician):
    rows = patient_import.csv_rows(csv_bytes(",No Email,1980-01-01,America/Chicago,crps,,rivera@sunrise.test"))
    [row] = patient_import.patient_import_check(actor=clinic_admin, rows=rows).rows
    assert row.problems == ["Email is missing."]
