"""The outcomes page says every figure in words with its denominator, and names no patient."""

import datetime as dt
import re

import time_machine
from django.urls import reverse

from monitoring.models import Severity
from tests.monitoring.clinic_outcome_data import NOW, ago, alert, opioid, scheduled_session
from tests.monitoring.outcome_data import FIRST, days, response, session
from treatment.models import SessionStatus


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_figure_in_words_with_its_denominator(client, physician, patient, second_patient, clinic_admin):
    for when, status in ((ago(days=1), SessionStatus.COMPLETED), (ago(days=2), SessionStatus.MISSED)):
        scheduled_session(patient, when, status)
    scheduled_session(second_patient, ago(days=3), SessionStatus.HELD)
    response(patient, "peg3", "8.0", days(-1))
    session(patient, FIRST)
    response(patient, "peg3", "3.0", days(30))  # week 4: 62.5 % lower
    response(patient, "pgic", 2, days(31))
    response(second_patient, "pgic", 4, days(31))
    alert(patient, Severity.CRITICAL, raised=ago(days=1), acknowledged_after=dt.timedelta(minutes=12), by=physician)
    alert(second_patient, Severity.HIGH, raised=ago(hours=2))
    opioid(patient, 60, dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    opioid(patient, 45, dt.date(2026, 4, 1))

    client.force_login(physician.user)
    with time_machine.travel(NOW, tick=False):
        html = client.get(reverse("clinic_outcomes")).content.decode()
    text = _text(html)

    assert "Your patients : the patients on your care teams — 2 patients." in text
    assert "Active 2" in text
    assert "33.3 % — 1 of 3 scheduled sessions completed, across 2 patients." in text
    assert "Week 4 1 1 of 1 (100 %) 1 of 1 (100 %)" in text
    assert "Week 12 0 nobody assessed yet nobody assessed yet" in text
    assert "1 of 2 (50 %) who answered the global impression of change" in text
    assert "Critical 1 12 min (median of 1) 0" in text
    assert "High 0 none acknowledged 1" in text
    assert "Among 1 patient with an opioid medicine recorded" in text
    assert "Mean change -15 MME/day" in text
    assert "Reduced 1 of 1" in text
    assert "it is not a conversion table between opioids" in text
    for name in (patient.user.full_name, second_patient.user.full_name):
        assert name not in html  # aggregates only


def test_a_clinic_admin_reads_the_clinic_and_picks_the_period(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    html = client.get(reverse("clinic_outcomes"), {"period": "365"}).content.decode()
    text = _text(html)
    assert "The clinic : every patient of Sunrise Pain Clinic — 1 patient." in text
    assert "Alerts acknowledged in the last 365 days, by severity" in text
    assert '<option value="365" selected>' in html
    # An unknown period is not an error: the default 90 days.
    html = client.get(reverse("clinic_outcomes"), {"period": "7"}).content.decode()
    assert "Alerts acknowledged in the last 90 days" in html
