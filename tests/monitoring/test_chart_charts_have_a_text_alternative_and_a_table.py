"""Every chart on the patient chart is an SVG image with a one-sentence summary for screen readers and a table of
its numbers: pain before and after each dose, the dose, blood pressure before dosing (with the plan's hold limits as
reference lines and held sessions marked), PHQ-9 and GAD-7 with their bands, and daily MME with its 50 and 90
reference lines."""

import re

import time_machine
from django.urls import reverse

from tests.monitoring.chart_data import chart_history, day

CHARTS = ("session-pain", "dose", "bp", "phq9", "gad7", "mme")


def section(page: str, key: str) -> str:
    return page.split(f'aria-labelledby="chart-{key}-heading"', 1)[1].split("</section>", 1)[0]


def test_each_chart_has_a_summary_and_a_table(client, patient, physician):
    chart_history(patient, physician, count=8)  # sessions 3 and 7 held; PHQ-9 on days 2 and 6, GAD-7 on 3 and 7
    client.force_login(physician.user)
    with time_machine.travel(day(10), tick=False):
        page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()

    for key in CHARTS:
        chart = section(page, key)
        label = re.search(r'<svg [^>]*role="img" aria-label="([^"]+)"', chart).group(1)
        assert label.endswith(".") and len(label) > 30, key
        assert f"<title>{label}</title>" in chart
        assert "<caption" in chart and "<tbody>" in chart, key

    pain = section(page, "session-pain")
    assert "Pain before and after each dose: 6 completed sessions" in pain
    assert pain.count("<td>7</td><td>3</td>") == 6
    dose = section(page, "dose")
    assert dose.count("<td>50</td>") == 6
    assert "max 100" in dose and "plan 57" in dose  # the plan's maximum and its dose per session now

    bp = section(page, "bp")
    assert "8 readings, 2 held sessions" in bp
    assert "The plan holds a dose above 160/90." in bp
    assert bp.count('class="chart-level chart-bp-limit"') == 2
    assert bp.count("<td>held</td>") == 2 and bp.count("<td>not held</td>") == 6
    held_dots = section(page, "bp").split('class="chart-series chart-series-held"', 1)[1].split("</g>", 1)[0]
    assert held_dots.count("<circle") == 2

    phq9 = section(page, "phq9")
    assert "Mood (PHQ-9): 2 answers; latest 11 of 27, moderate" in phq9
    assert phq9.count('<rect class="chart-band') == 5  # minimal, mild, moderate, moderately severe, severe
    gad7 = section(page, "gad7")
    assert "Anxiety (GAD-7): 2 answers; latest 7 of 21, mild" in gad7

    mme = section(page, "mme")
    assert "now 45 MME/day (reference lines at 50 and 90)" in mme
    assert 'class="chart-level chart-mme-50"' in mme and 'class="chart-level chart-mme-90"' in mme


def test_pain_and_dose_share_the_time_axis(client, patient, physician):
    chart_history(patient, physician, count=4)
    client.force_login(physician.user)
    with time_machine.travel(day(10), tick=False):
        page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()

    def xs(key):
        return re.findall(r'<circle cx="([\d.]+)"', section(page, key))

    pain_before = section(page, "session-pain").split("chart-series-pain-after", 1)[0]
    assert re.findall(r'<circle cx="([\d.]+)"', pain_before) == xs("dose")
    assert re.findall(r'class="chart-tick" x="[\d.]+" y="170"[^>]*>([^<]+)<', section(page, "session-pain")) == (
        re.findall(r'class="chart-tick" x="[\d.]+" y="170"[^>]*>([^<]+)<', section(page, "dose"))
    )
