"""The chart's timeline shows the record types ticked in its GET form, several at once; none ticked shows them all.
The form works without JavaScript: the ticked boxes come back ticked."""

import re

import time_machine
from django.urls import reverse

from tests.monitoring.chart_data import chart_history, day


def kinds_shown(page: str) -> set[str]:
    return set(re.findall(r'class="card timeline-entry timeline-(\w+)"', page))


def get(client, patient, query: str) -> str:
    with time_machine.travel(day(10), tick=False):
        response = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk}) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_several_types_at_once(client, patient, physician):
    chart_history(patient, physician, count=3)
    client.force_login(physician.user)
    page = get(client, patient, "?kind=alert&kind=note")
    assert kinds_shown(page) == {"alert", "note"}
    assert page.count('class="card timeline-entry') == 3 * 2 + 3  # two alerts a day, one note
    assert 'value="alert" id="id_kind_3" checked' in page
    assert 'value="note" id="id_kind_5" checked' in page
    assert 'value="session" id="id_kind_0" checked' not in page


def test_one_type(client, patient, physician):
    chart_history(patient, physician, count=3)
    client.force_login(physician.user)
    assert kinds_shown(get(client, patient, "?kind=plan")) == {"plan"}
    assert kinds_shown(get(client, patient, "?kind=sign_off")) == {"sign_off"}


def test_none_ticked_shows_every_type(client, patient, physician):
    chart_history(patient, physician, count=3)
    client.force_login(physician.user)
    assert kinds_shown(get(client, patient, "")) == {
        "session", "survey", "adverse_event", "alert", "plan", "note", "sign_off"
    }  # fmt: skip
    assert kinds_shown(get(client, patient, "?date_from=")) == kinds_shown(get(client, patient, ""))


def test_an_unknown_type_is_an_error_and_the_defaults_show(client, patient, physician):
    chart_history(patient, physician, count=1)
    client.force_login(physician.user)
    page = get(client, patient, "?kind=password")
    assert "Select a valid choice." in page
    assert "session" in kinds_shown(page)
