"""The chart's date range (from and to, both included) is read in the clinic's time zone and applies to the timeline
and the charts alike; it opens on the last 180 days; an empty "from" means since the start; a "to" before the
"from" is refused in plain words."""

import datetime as dt
import re

import time_machine
from django.urls import reverse

from tests.monitoring.chart_data import chart_history, day
from tests.monitoring.outcome_data import response

# The clinic's zone (ClinicFactory): America/New_York, UTC-5 in early March 2026.


def get(client, physician, patient, query: str, *, on: dt.datetime) -> str:
    with time_machine.travel(on, tick=False):
        client.logout()
        client.force_login(physician.user)  # signed in that day: a session does not last months
        response = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk}) + query)
    assert response.status_code == 200
    return response.content.decode()


def entries(page: str) -> list[str]:
    return re.findall(r'<li class="card timeline-entry timeline-\w+" id="(\w+-\d+)"', page)


def pain_rows(page: str) -> list[str]:
    table = page.split('id="chart-session-pain-caption"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


def test_one_day_of_the_clinic(client, clinic, patient, physician):
    assert clinic.time_zone == "America/New_York"
    chart_history(patient, physician, count=3)  # day 1 is 2 March: 04:45 to 12:00 in New York
    late = response(patient, "nrs", 4, dt.datetime(2026, 3, 3, 4, 30, tzinfo=dt.UTC))  # 23:30 on 2 March there
    early = response(patient, "nrs", 5, dt.datetime(2026, 3, 3, 5, 30, tzinfo=dt.UTC))  # 00:30 on 3 March there
    page = get(client, physician, patient, "?date_from=2026-03-02&date_to=2026-03-02", on=day(10))
    shown = entries(page)
    assert f"survey-{late.pk}" in shown and f"survey-{early.pk}" not in shown
    assert len(shown) == 8 + 1  # day 1's eight records and the late check-in
    assert "From 2 Mar 2026 to 2 Mar 2026." in page
    # The charts read the same range: day 1's dose only.
    assert pain_rows(page) == ["2 Mar 2026, 05:00"]


def test_it_opens_on_the_last_180_days(client, patient, physician):
    chart_history(patient, physician, count=2)  # 1 and 2 March 2026
    page = get(client, physician, patient, "", on=day(181))  # 29 August: the last 180 days start on 2 March
    assert 'name="date_from" value="2026-03-02"' in page
    assert len(entries(page)) == 8  # 2 March's records; 1 March's are older
    assert pain_rows(page) == ["2 Mar 2026, 05:00"]

    page = get(client, physician, patient, "", on=day(182))
    assert entries(page) == []
    assert "Pain before and after each dose: no completed session in these dates." in page
    # An empty "from": everything since the start, charts included.
    page = get(client, physician, patient, "?date_from=", on=day(182))
    assert len(entries(page)) == 16
    assert pain_rows(page) == ["1 Mar 2026, 05:00", "2 Mar 2026, 05:00"]


def test_an_end_before_the_start_is_refused(client, patient, physician):
    chart_history(patient, physician, count=1)
    page = get(client, physician, patient, "?date_from=2026-03-05&date_to=2026-03-01", on=day(10))
    assert "The end date is before the start date." in page
    assert len(entries(page)) == 8  # the page falls back on the last 180 days
