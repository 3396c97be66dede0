"""The My data page shows who on the clinic's staff accessed the patient's record — name, role, what they did and
when, in the patient's time zone — the latest 20, newest first, with a link to the full list. The patient's own
accesses (their downloads included) and accesses to other patients' records are not in it."""

import datetime as dt

import time_machine
from django.urls import reverse

from accounts import audit
from accounts.models import AuditAction
from tests.monitoring.my_data_data import START, table


def _access(action, *, actor, patient, at: dt.datetime, object_type="patient"):
    with time_machine.travel(at, tick=False):
        audit.record(action, actor=actor, object_type=object_type, object_id=patient.pk, patient=patient)


def test_the_page_lists_staff_accesses_in_the_patients_time_zone(client, patient, second_patient, physician,
                                                                 clinic_admin):  # fmt: skip
    _access(AuditAction.VIEW, actor=physician.user, patient=patient, at=START)  # 09:00 in Chicago
    _access(AuditAction.EXPORT, actor=clinic_admin, patient=patient, at=START + dt.timedelta(hours=1))
    _access(AuditAction.VIEW, actor=physician.user, patient=second_patient, at=START + dt.timedelta(hours=2))
    client.force_login(patient.user)
    table(client.get(reverse("my_data_sessions")))  # the patient's own export

    page = client.get(reverse("my_data"))

    assert page.status_code == 200
    accesses = page.context["accesses"]
    assert [(a.who, a.role, a.what) for a in accesses] == [
        ("Alex Morgan", "clinic admin", "exported your record"),
        ("Elena Rivera", "physician", "viewed your record"),
    ]
    body = page.content.decode()
    assert "Elena Rivera</strong> (physician) viewed your record" in body
    assert '<time datetime="2026-01-12T09:00:00-06:00">12 January 2026, 09:00 CST</time>' in body
    assert "Maya Patel</strong>" not in body
    assert f'href="{reverse("my_record_access")}"' in body


def test_the_page_shows_the_latest_20_newest_first(client, patient, physician):
    for n in range(25):
        _access(AuditAction.VIEW, actor=physician.user, patient=patient, at=START + dt.timedelta(hours=n),
                object_type=f"record_{n}")  # fmt: skip
    client.force_login(patient.user)

    accesses = client.get(reverse("my_data")).context["accesses"]

    assert [a.record for a in accesses] == [f"record {n}" for n in range(24, 4, -1)]
