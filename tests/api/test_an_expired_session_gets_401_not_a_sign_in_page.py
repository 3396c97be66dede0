"""A browser session that has lived too long ends on the API as on the pages — but the API answers 401 in its own
error shape instead of redirecting a JSON client to the HTML sign-in page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_idle_session_on_the_api_is_a_401(client, patient):
    client.force_login(patient.user)
    assert client.get(reverse("api:me")).status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=40)):
        response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"
