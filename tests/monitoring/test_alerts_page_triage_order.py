"""PRODUCT.md, physician step 2: "open alerts first, by severity then age" — then the acknowledged ones; resolved
ones only behind their filter."""

import time_machine
from django.urls import reverse

from monitoring import selectors, services
from monitoring.models import Severity
from tests.monitoring.conftest import raise_alert


def test_open_first_then_severity_then_oldest(physician, patient, second_patient):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        old_high = raise_alert(patient, severity=Severity.HIGH, cause="a")
        acknowledged_critical = raise_alert(second_patient, severity=Severity.CRITICAL, cause="b")
        old_low = raise_alert(patient, severity=Severity.LOW, cause="c")
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        new_high = raise_alert(second_patient, severity=Severity.HIGH, cause="d")
        new_critical = raise_alert(patient, severity=Severity.CRITICAL, cause="e")
        resolved = raise_alert(patient, severity=Severity.CRITICAL, cause="f")
        services.alert_acknowledge(actor=physician.user, alert=acknowledged_critical)
        services.alert_resolve(actor=physician.user, alert=resolved, note="Done.")

    ordered = list(selectors.alerts_for(user=physician.user))
    assert ordered == [new_critical, old_high, new_high, old_low, acknowledged_critical, resolved]


def test_the_page_lists_them_in_that_order_and_hides_resolved_ones(client, physician, patient, second_patient):
    low = raise_alert(patient, severity=Severity.LOW, cause="a", summary="Survey overdue.")
    critical = raise_alert(second_patient, severity=Severity.CRITICAL, cause="b", summary="Severe adverse event.")
    done = raise_alert(patient, severity=Severity.HIGH, cause="c", summary="Dose held, sorted out.")
    services.alert_resolve(actor=physician.user, alert=done, note="Re-measured fine.")
    client.force_login(physician.user)

    page = client.get(reverse("alert_list")).content.decode()
    assert page.index(f'id="alert-{critical.pk}"') < page.index(f'id="alert-{low.pk}"')
    assert "Dose held, sorted out." not in page

    resolved_page = client.get(reverse("alert_list"), {"show": "resolved"}).content.decode()
    assert "Dose held, sorted out." in resolved_page
    assert "Re-measured fine." in resolved_page
    assert "Survey overdue." not in resolved_page


def test_physicians_see_only_their_patients_alerts(
    physician, other_physician, outside_physician, patient, outside_patient
):
    mine = raise_alert(patient)
    raise_alert(outside_patient)
    assert list(selectors.alerts_for(user=physician.user)) == [mine]
    assert list(selectors.alerts_for(user=other_physician.user)) == []
    assert list(selectors.alerts_for(user=outside_physician.user)) != [mine]
    assert list(selectors.alerts_for(user=patient.user)) == []
