"""Every chart on the progress page is an SVG with role="img" and a summary in its aria-label, followed by a table of
the same numbers: as many rows as the chart has points, with the values the chart plots."""

import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from monitoring import services
from tests.monitoring.outcome_data import FIRST, days, response, session


@pytest.fixture
def page(client, patient):
    response(patient, "peg3", "8.0", days(-1))
    response(patient, "phq9", 12, days(-1), band="moderate")
    response(patient, "gad7", 4, days(-1), band="minimal")
    session(patient, FIRST, pain_before=7)
    response(patient, "nrs", 5, days(1))
    response(patient, "peg3", "4.0", days(25))
    response(patient, "phq9", 6, days(13), band="mild")
    oxy = services.opioid_medicine_add(actor=patient.user, patient=patient, drug="oxycodone",
                                       mg_per_dose=Decimal(20), doses_per_day=3, started_on=days(-10).date())  # fmt: skip
    services.opioid_medicine_change(actor=patient.user, medicine=oxy, mg_per_dose=Decimal(10), doses_per_day=3,
                                    changed_on=days(14).date())  # fmt: skip
    client.force_login(patient.user)
    with time_machine.travel(days(30), tick=False):
        return client.get(reverse("my_progress")).content.decode()


def section(html, key):
    return re.search(rf'<section class="card chart-card" aria-labelledby="chart-{key}-heading">(.*?)</section>', html,
                     re.S).group(1)  # fmt: skip


def table_rows(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_each_chart_is_an_image_with_a_summary_then_its_table(page):
    for key in ("pain", "change", "phq9", "gad7", "mme"):
        part = section(page, key)
        svg = re.search(r"<svg [^>]*>", part).group(0)
        assert 'role="img"' in svg and 'viewBox="0 0 320 180"' in svg and 'width="100%"' in svg
        assert re.search(r'aria-label="[^"]{20,}"', svg)
        assert part.index("</svg>") < part.index("<table>")


def test_the_pain_table_has_the_charts_numbers(page):
    part = section(page, "pain")
    assert table_rows(part) == [
        ["28 Feb 2026", "PEG-3 (0-10)", "8"],
        ["1 Mar 2026", "Pain before a session (0-10)", "7"],
        ["2 Mar 2026", "Pain check-in (0-10)", "5"],
        ["26 Mar 2026", "PEG-3 (0-10)", "4"],
    ]
    assert part.count("<circle") == 4
    assert part.count('class="chart-marker"') == 1  # the completed session
    assert "latest PEG-3 4 out of 10" in part


def test_change_from_baseline_in_percent(page):
    part = section(page, "change")
    assert table_rows(part) == [["28 Feb 2026", "8", "0 %"], ["26 Mar 2026", "4", "50 %"]]
    assert "PEG-3 baseline 8, latest 4, 50 % lower. Week 4: substantial improvement (50 % or more)." in part


def test_mood_bands_and_mme_reference_lines(page):
    phq9 = section(page, "phq9")
    assert table_rows(phq9) == [["28 Feb 2026", "12", "Moderate"], ["14 Mar 2026", "6", "Mild"]]
    assert phq9.count('class="chart-band ') == 5  # minimal, mild, moderate, moderately severe, severe
    mme = section(page, "mme")
    assert table_rows(mme) == [["19 Feb 2026", "90"], ["15 Mar 2026", "45"]]
    assert 'class="chart-level chart-mme-50"' in mme and 'class="chart-level chart-mme-90"' in mme
    assert "MME compares exposure over time; it is not a conversion table between opioids." in mme
