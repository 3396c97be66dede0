"""A file that cannot be read as the expected CSV is refused as a whole, in plain words."""

import pytest

from accounts import patient_import
from anodyne.errors import DomainError
from tests.accounts.invitation_helpers import HEADER, csv_bytes, good_line


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("email,full_name\nä@example.test,Ä\n".encode("latin-1"), "not UTF-8"),
        (b"", "The file is empty."),
        (
            b"email,full_name\na@example.test,A\n",
            "missing: date_of_birth, time_zone, primary_condition, physician_email",
        ),
        (HEADER.encode() + b"\n", "no patients"),
        (HEADER.encode() + b"\n,,,,,,\n\n", "no patients"),
    ],
)
def test_an_unreadable_file_is_refused(data, message):
    with pytest.raises(DomainError, match=message):
        patient_import.csv_rows(data)


def test_a_byte_order_mark_and_capitalised_headers_are_fine():
    data = "\ufeff" + HEADER.upper() + "\n" + good_line(1) + "\n"
    [row] = patient_import.csv_rows(data.encode())
    assert (row["line"], row["email"]) == (2, "patient1@example.test")


def test_the_phone_column_may_be_left_out():
    header = "email,full_name,date_of_birth,time_zone,primary_condition,physician_email"
    [row] = patient_import.csv_rows(csv_bytes("a@example.test,A,1980-01-01,UTC,crps,r@x.test", header=header))
    assert row["phone"] == ""


def test_a_row_with_more_columns_than_the_header_is_a_problem(clinic_admin, physician):
    rows = patient_import.csv_rows(csv_bytes(good_line(1) + ",surprise"))
    [row] = patient_import.patient_import_check(actor=clinic_admin, rows=rows).rows
    assert row.problems == ["The row has more columns than the header."]


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(patient_import, "MAX_ROWS", 3)
    with pytest.raises(DomainError, match="more than 3 patients"):
        patient_import.csv_rows(csv_bytes(*[good_line(n) for n in range(4)]))
