"""The staff lists page by a cursor on their whole order (api.staff_views.KeysetCursorPagination): walking the
alerts in triage order — open first, the most severe first, the oldest first, where many alerts share a status and
a severity — page by page gives every alert once, in order; walking back gives the same pages; an alert raised
meanwhile at the head of the order does not shift the pages still to come; a cursor the list did not give out is a
400."""

import base64
import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import SEVERITY_RANK, Alert, AlertKind, Severity
from tests.api.staff_data import alert_of, login

pytestmark = pytest.mark.django_db


def _alerts(patient, physician, count=23):
    start = timezone.now() - dt.timedelta(days=10)
    severities = [Severity.HIGH, Severity.MEDIUM]
    made = Alert.objects.bulk_create(
        Alert(
            patient=patient,
            clinic=patient.clinic,
            kind=AlertKind.DOSE_HELD,
            severity=severities[number % 2],
            severity_rank=SEVERITY_RANK[severities[number % 2]],
            cause=f"session:{number}",
            summary=f"Alert {number}.",
            # Every third alert raised at the very same moment as the one before it: a tie the pk breaks.
            first_raised_at=start + dt.timedelta(hours=number - number % 3),
            last_raised_at=start + dt.timedelta(hours=number),
        )
        for number in range(count)
    )
    for alert in made[::4]:
        services.alert_acknowledge(actor=physician.user, alert=alert)
    return made


def _walk(client, url, key):
    pages, ids = [], []
    while url:
        body = client.get(url).json()
        pages.append([alert["id"] for alert in body["results"]])
        ids += pages[-1]
        url = body[key]
    return pages, ids


def test_walking_forward_and_back_gives_every_alert_once_in_triage_order(client, patient, physician):
    _alerts(patient, physician)
    login(client, physician)
    everything = client.get(reverse("api:alert_list"), {"page_size": 200}).json()["results"]
    expected = [alert["id"] for alert in everything]
    assert len(expected) == 23
    order = [(a["status"] != "open", -SEVERITY_RANK[a["severity"]], a["first_raised_at"], a["id"]) for a in everything]
    assert order == sorted(order)

    pages, ids = _walk(client, reverse("api:alert_list") + "?page_size=5", "next")
    assert ids == expected
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]

    last = client.get(reverse("api:alert_list") + "?page_size=5").json()
    for _ in range(4):
        last = client.get(last["next"]).json()
    back, _ = _walk(client, last["previous"], "previous")
    assert back == pages[-2::-1]


def test_an_alert_raised_meanwhile_does_not_shift_the_pages_to_come(client, patient, physician):
    _alerts(patient, physician)
    login(client, physician)
    first = client.get(reverse("api:alert_list"), {"page_size": 5}).json()
    expected_rest = client.get(reverse("api:alert_list"), {"page_size": 200}).json()["results"][5:]
    alert_of(patient, cause="session:999", severity=Severity.CRITICAL)
    _, rest = _walk(client, first["next"], "next")
    assert rest == [alert["id"] for alert in expected_rest]


@pytest.mark.parametrize(
    "token",
    [
        "not a cursor",
        {"k": [0, 3], "r": 0},  # too few values
        {"k": ["open", "high", "yesterday", 1], "r": 0},  # values of the wrong types
        {"k": [0, 3, "2026-01-01T00:00:00+00:00", 2**70], "r": 0},  # an id no column holds
        {"k": [{"x": 1}, 3, "2026-01-01T00:00:00+00:00", 1], "r": 0},
    ],
)
def test_a_cursor_not_given_out_by_the_list_is_refused(client, physician, token):
    login(client, physician)
    text = token if isinstance(token, str) else json.dumps(token)
    cursor = base64.urlsafe_b64encode(text.encode()).decode()
    response = client.get(reverse("api:alert_list"), {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "cursor"
