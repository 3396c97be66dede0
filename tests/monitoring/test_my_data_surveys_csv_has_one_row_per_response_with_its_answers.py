"""The check-ins download is a CSV with a header and one row per survey response of the patient, oldest first: the
instrument's code and name, when it was answered (in the patient's time zone), the total, band and flags, each answer
as item key=value in the instrument's order, and the addenda."""

import time_machine
from django.urls import reverse

from monitoring.export_selectors import SURVEY_COLUMNS
from tests.monitoring.my_data_data import at, response, response_addendum, table
from tests.monitoring.survey_data import bladder, gad7, peg3


def test_the_surveys_csv_has_the_header_and_one_row_per_response(client, patient):
    peg = response(patient, "peg3", peg3(7, 8, 8), answered_at=at(1))  # 10:00 in Chicago
    response(patient, "gad7", gad7(each=2), answered_at=at(2))
    response(patient, "bladder", bladder(q1=1, q2=2, q3=1, q4=3, blood=1), answered_at=at(3))
    response_addendum(peg, by=patient.user, at=at(5), reason="Wrong day", text="I meant last week, not this week.")

    with time_machine.travel(at(106), tick=False):
        client.force_login(patient.user)
        download = client.get(reverse("my_data_surveys"))

    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="anodyne-surveys-2026-01-16.csv"'
    header, rows = table(download)
    assert header == list(SURVEY_COLUMNS)
    assert [row["instrument"] for row in rows] == ["peg3", "gad7", "bladder"]
    pain, anxiety, bladder_check = rows

    assert pain["instrument_name"].startswith("PEG")
    assert pain["answered_at"] == "2026-01-12T10:00:00-06:00"
    assert (pain["total"], pain["band"], pain["flags"]) == ("7.7", "", "")  # mean of 7, 8, 8 (Krebs 2009)
    assert pain["answers"] == "pain=7; enjoyment=8; activity=8"
    assert pain["addenda_count"] == "1"
    assert pain["addenda"] == "2026-01-12T14:00:00-06:00 Maya Patel (Wrong day): I meant last week, not this week."

    assert (anxiety["total"], anxiety["band"]) == ("14", "moderate")
    assert anxiety["answers"] == "q1=2; q2=2; q3=2; q4=2; q5=2; q6=2; q7=2"
    assert anxiety["addenda_count"] == "0"

    assert bladder_check["total"] == "7"
    assert bladder_check["flags"] == "bladder_pain; hematuria"
    assert bladder_check["answers"] == "q1=1; q2=2; q3=1; q4=3; blood=1"
