"""The chart's timeline shows 50 entries a page, newest first; an "Older" link (a plain link: no JavaScript) leads to
the next 50 and keeps the filters; "Newer" leads back. No entry is on two pages or on none."""

import re
from html import unescape

import time_machine
from django.urls import reverse

from tests.monitoring.chart_data import chart_history, day


def entries(page: str) -> list[str]:
    return re.findall(r'<li class="card timeline-entry timeline-\w+" id="(\w+-\d+)"', page)


def link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return unescape(found.group(1)) if found else None


def test_older_and_newer_pages(client, patient, physician):
    chart_history(patient, physician, count=8)  # 64 entries
    client.force_login(physician.user)
    url = reverse("patient_chart", kwargs={"patient_pk": patient.pk})
    with time_machine.travel(day(10), tick=False):
        first = client.get(url).content.decode()
        older = link(first, "next")
        assert older is not None and "page=2" in older
        second = client.get(url + older.split("#")[0]).content.decode()
        newer = link(second, "prev")
        assert "page=1" in newer
        assert entries(client.get(url + newer.split("#")[0]).content.decode()) == entries(first)

    assert len(entries(first)) == 50
    assert len(entries(second)) == 14
    assert link(first, "prev") is None and link(second, "next") is None
    assert not set(entries(first)) & set(entries(second))


def test_the_older_link_keeps_the_filters(client, patient, physician):
    chart_history(patient, physician, count=30)  # 60 alerts
    client.force_login(physician.user)
    url = reverse("patient_chart", kwargs={"patient_pk": patient.pk})
    with time_machine.travel(day(40), tick=False):
        first = client.get(url + "?kind=alert&date_from=2026-03-01&date_to=2026-04-30").content.decode()
        older = link(first, "next")
        assert "kind=alert" in older and "date_from=2026-03-01" in older and "date_to=2026-04-30" in older
        second = client.get(url + older.split("#")[0]).content.decode()
    assert {entry.split("-")[0] for entry in entries(first) + entries(second)} == {"alert"}
    assert len(entries(first)) + len(entries(second)) == 60
    assert "(page 2)" in second
