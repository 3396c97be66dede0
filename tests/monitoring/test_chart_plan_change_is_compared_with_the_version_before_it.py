"""A plan version in the chart's timeline says what it changed from the version before it, field by field, even when
that version is older than the dates shown; the first version of a plan is said to be the first."""

import time_machine
from django.urls import reverse

from tests.monitoring.outcome_data import days
from tests.treatment.plan_data import PLAN
from treatment import services


def test_the_change_from_a_version_outside_the_dates(client, patient, physician):
    with time_machine.travel(days(0), tick=False):
        plan = services.plan_create(actor=physician.user, patient=patient, reason="Start after intake", **PLAN)
    with time_machine.travel(days(10), tick=False):
        services.plan_revise(
            actor=physician.user, plan=plan, reason="Readings run high", systolic_limit=150, session_weekdays=[1, 4]
        )
    client.force_login(physician.user)
    url = reverse("patient_chart", kwargs={"patient_pk": patient.pk})
    with time_machine.travel(days(12), tick=False):
        page = client.get(url + "?kind=plan&date_from=2026-03-05").content.decode()

        assert "Plan version 2" in page and "Plan version 1" not in page
        changed = page.split("What changed in version 2</caption>", 1)[1].split("</table>", 1)[0]
        assert changed.count('<th scope="row">') == 2
        assert "<td>160</td><td>150</td>" in changed
        assert "<td>[0, 3]</td><td>[1, 4]</td>" in changed
        assert "Readings run high" in page

        page = client.get(url + "?kind=plan&date_from=").content.decode()
        assert "The first version of this plan: 50 mg sublingual, 2 a week." in page
