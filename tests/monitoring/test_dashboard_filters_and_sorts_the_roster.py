"""The roster filters by condition, status, open alerts, "not improving" and name, and sorts by the column chosen."""

import time_machine
from django.urls import reverse

from accounts.models import Patient, PatientStatus
from tests.monitoring.dashboard_data import NOW, maya_history
from tests.monitoring.outcome_data import FIRST, days, response, session


def _names(client, **query):
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("dashboard"), query)
    assert page.status_code == 200
    return [row.patient.user.full_name for row in page.context["page"].object_list]


def _james_not_improving(james):
    """James started on the same day as Maya and is no better: PEG-3 6 at baseline, 6 now."""
    session(james, FIRST)
    response(james, "peg3", 6, days(-1))
    response(james, "peg3", 6, days(28))


def test_filters(client, physician, patient, second_patient, other_physician):
    maya_history(patient, physician)
    _james_not_improving(second_patient)
    Patient.objects.filter(pk=second_patient.pk).update(primary_condition="migraine", status=PatientStatus.PAUSED)
    client.force_login(physician.user)
    assert _names(client) == ["Maya Patel", "James Nguyen"]  # default sort: open alerts first
    assert _names(client, condition="migraine") == ["James Nguyen"]
    assert _names(client, status="paused") == ["James Nguyen"]
    assert _names(client, open_alerts="1") == ["Maya Patel"]
    assert _names(client, not_improving="1") == ["James Nguyen"]
    assert _names(client, q="nguyen") == ["James Nguyen"]
    assert _names(client, condition="not-a-condition") == ["Maya Patel", "James Nguyen"]  # ignored, not an error


def test_not_improving_waits_for_the_week_4_window(client, physician, second_patient):
    _james_not_improving(second_patient)
    client.force_login(physician.user)
    with time_machine.travel(days(21), tick=False):
        early = client.get(reverse("dashboard"), {"not_improving": "1"})
    assert list(early.context["page"].object_list) == []
    client.force_login(physician.user)  # 19 days later the session has long ended
    assert _names(client, not_improving="1") == ["James Nguyen"]


def test_sorts(client, physician, patient, second_patient):
    maya_history(patient, physician)
    _james_not_improving(second_patient)
    client.force_login(physician.user)
    assert _names(client, sort="name") == ["James Nguyen", "Maya Patel"]
    assert _names(client, sort="change") == ["James Nguyen", "Maya Patel"]  # least improved first
    assert _names(client, sort="pain") == ["James Nguyen", "Maya Patel"]  # PEG-3 6 before 4
    assert _names(client, sort="review") == ["Maya Patel", "James Nguyen"]
    assert _names(client, sort="last_session") == ["James Nguyen", "Maya Patel"]  # day 0 before day 20


def test_pagination_keeps_the_filters(client, physician, clinic, patient):
    from tests.factories import PatientFactory

    PatientFactory.create_batch(51, clinic=clinic, care_team=[physician], primary_condition="crps")
    client.force_login(physician.user)
    page = client.get(reverse("dashboard"), {"condition": "crps", "sort": "name"})
    body = page.content.decode()
    assert "condition=crps&amp;sort=name&amp;page=2" in body
    second = client.get(reverse("dashboard"), {"condition": "crps", "sort": "name", "page": 2})
    assert len(second.context["page"].object_list) == 51 + (patient.primary_condition == "crps") - 50
