"""The banned-word test: every kind of notification, on every channel, rendered for a patient whose record is full
of canary health data (CRPS, ketamine 75 mg, PHQ-9 of 19, 171/105 mmHg, oxycodone) and for their physician, has
none of the banned words in its subject or body."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Condition
from monitoring import messages, services
from monitoring.models import AlertKind, NotificationChannel, NotificationKind, OpioidDrug, Severity
from monitoring.notifications import render
from tests.monitoring.conftest import raise_alert
from tests.monitoring.survey_data import assign
from treatment.models import SessionStatus, TreatmentSession

BANNED_WORDS = [
    "ketamine", "dose", "mg", "score", "phq", "gad", "blood pressure", "mmhg", "crps", "pain", "suicid",
    "patel", "maya",
    *(label.lower() for label in Condition.labels),
    *(value.lower() for value in Condition.values),
    *(label.lower() for label in OpioidDrug.labels),
    *(value.lower() for value in OpioidDrug.values),
]  # fmt: skip
CANARY_NUMBERS = ["75", "19", "171", "105"]


@pytest.fixture
def canary_patient(patient, physician):
    patient.primary_condition = Condition.CRPS
    patient.save(update_fields=["primary_condition"])
    now = timezone.now()
    session = TreatmentSession.objects.create(
        patient=patient, status=SessionStatus.SCHEDULED, scheduled_for=now + dt.timedelta(hours=1),
        planned_dose_mg=Decimal(75), systolic=171, diastolic=105,
    )  # fmt: skip
    assignment = assign(patient, "phq9")
    services.opioid_medicine_add(
        actor=physician.user, patient=patient, drug=OpioidDrug.OXYCODONE, mg_per_dose=Decimal(75), doses_per_day=2,
        started_on=now.date() - dt.timedelta(days=3),
    )  # fmt: skip
    alert = raise_alert(
        patient, kind=AlertKind.BLOOD_PRESSURE, severity=Severity.CRITICAL, cause=f"session:{session.pk}",
        summary="PHQ-9 score 19; BP 171/105 mmHg after ketamine 75 mg; oxycodone; CRPS.",
    )  # fmt: skip
    thread = messages.message_thread_start(
        actor=patient.user, patient=patient, subject="Ketamine 75 mg, CRPS", body="PHQ-9 19, BP 171/105 mmHg, pain."
    )
    return {"session": session, "assignment": assignment, "alert": alert, "thread": thread}


def _notifications(patient, physician, canary):
    about = {
        NotificationKind.SESSION_REMINDER: (patient.user, f"session:{canary['session'].pk}"),
        NotificationKind.SURVEY_DUE: (patient.user, f"assignment:{canary['assignment'].pk}"),
        NotificationKind.SURVEY_EXPIRING: (patient.user, f"assignment:{canary['assignment'].pk}"),
        NotificationKind.SESSION_MISSED: (patient.user, f"session:{canary['session'].pk}"),
        NotificationKind.ALERT_DIGEST: (physician.user, "digest:2026-11-25"),
        NotificationKind.ALERT_ESCALATION: (physician.user, f"alert:{canary['alert'].pk}"),
        NotificationKind.MESSAGE: (physician.user, messages.notification_about(canary["thread"])),
    }
    assert set(about) == set(NotificationKind.values), "a new kind must be added to this test"
    return [
        services.notification_enqueue(recipient=user, channel=channel, kind=kind, about=what, send_after=timezone.now())
        for kind, (user, what) in about.items()
        for channel in NotificationChannel.values
    ]


def test_no_notification_text_carries_health_data(canary_patient, patient, physician):
    hits = []
    for notification in _notifications(patient, physician, canary_patient):
        message = render(notification)
        for part in ("subject", "body"):
            text = getattr(message, part)
            lowered = text.lower()
            hits += [(notification.kind, notification.channel, part, w) for w in BANNED_WORDS if w in lowered]
            hits += [
                (notification.kind, notification.channel, part, n)
                for n in CANARY_NUMBERS
                if re.search(rf"(?<![\d]){n}(?![\d])", text)
            ]
    assert hits == []
